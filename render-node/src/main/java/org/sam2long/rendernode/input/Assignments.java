package org.sam2long.rendernode.input;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the preset library does not catch in {@code key=value} overrides ({@code --set}, a shot's
 * {@code preset.overrides}): numbers beyond the range of a double (1e999 would become Infinity).
 * Everything else (keys, types, ranges) is the preset library's to check.
 */
public final class Assignments {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private Assignments() {}

    /** Fails with every bad assignment named, as given by {@code option}. */
    public static void check(List<String> assignments, String option) {
        if (assignments == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String a : assignments) {
            if (a == null) {
                continue;
            }
            int eq = a.indexOf('=');
            String value = eq < 0 ? "" : a.substring(eq + 1).strip();
            if (NUMBER.matcher(value).matches() && !Double.isFinite(Double.parseDouble(value))) {
                problems.add(option + " " + a + ": the number " + value + " is out of range");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("; ", problems));
        }
    }
}
