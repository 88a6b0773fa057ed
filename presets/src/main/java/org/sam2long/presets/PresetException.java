package org.sam2long.presets;

import java.util.List;

/**
 * A preset could not be used. Carries every problem found, not just the first; the message lists
 * them one per line. Nothing of an invalid preset is ever applied.
 */
public final class PresetException extends RuntimeException {
    private final transient List<Problem> problems;

    public PresetException(String subject, List<Problem> problems) {
        super(format(subject, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(String subject, List<Problem> problems) {
        if (problems.size() == 1) {
            return subject + ": " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(subject).append(" has ").append(problems.size()).append(" problems:");
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
