package org.sam2long.engine.eval;

import java.util.Comparator;

/**
 * Frame and object names as the evaluation matches and orders them.
 *
 * <p>A name made only of digits is a number: {@code "00005"}, {@code "0005"} and {@code "5"} are the
 * same frame, so a prediction written with another zero padding than the ground truth still matches.
 * Any other name is matched exactly. Names are ordered naturally (digit runs by value), so
 * {@code "00010"} comes after {@code "00005"} and {@code "frame10"} after {@code "frame9"}.
 */
public final class FrameNames {
    private FrameNames() {}

    /** Natural order: runs of digits compare by numeric value, everything else character by character. */
    public static final Comparator<String> NATURAL = FrameNames::compare;

    /** The matching key of a frame or object name: digits-only names lose their leading zeros. */
    public static String key(String name) {
        if (name.isEmpty() || !allDigits(name)) {
            return name;
        }
        int i = 0;
        while (i < name.length() - 1 && name.charAt(i) == '0') {
            i++;
        }
        return name.substring(i);
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (digit(ca) && digit(cb)) {
                int ei = i;
                while (ei < a.length() && digit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && digit(b.charAt(ej))) {
                    ej++;
                }
                int si = i;
                while (si < ei - 1 && a.charAt(si) == '0') {
                    si++;
                }
                int sj = j;
                while (sj < ej - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int lenA = ei - si;
                int lenB = ej - sj;
                if (lenA != lenB) {
                    return Integer.compare(lenA, lenB);
                }
                int c = a.substring(si, ei).compareTo(b.substring(sj, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
