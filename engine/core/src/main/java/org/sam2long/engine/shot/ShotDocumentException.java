package org.sam2long.engine.shot;

import java.util.List;

/**
 * The only exception {@link ShotDocumentReader} throws: every problem found in one document, each
 * one sentence naming the file, the JSON path and, where there is one, the plate frame.
 */
public final class ShotDocumentException extends RuntimeException {
    private final String where;
    private final List<String> problems;

    public ShotDocumentException(String where, List<String> problems) {
        super(message(where, problems));
        this.where = where;
        this.problems = List.copyOf(problems);
    }

    /** The file (or "the inline prompts") the problems are in. */
    public String where() { return where; }

    /** One sentence per problem, without the file name. */
    public List<String> problems() { return problems; }

    private static String message(String where, List<String> problems) {
        if (problems.size() == 1) {
            return where + ": " + problems.get(0);
        }
        StringBuilder b = new StringBuilder(where).append(" has ").append(problems.size()).append(" problems:");
        for (String p : problems) {
            b.append(System.lineSeparator()).append("  - ").append(p);
        }
        return b.toString();
    }
}
