package org.sam2long.rendernode.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.presets.PresetException;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputBusyException;
import picocli.CommandLine;

/**
 * Process exit codes of {@code sam2long}, stable for farm wranglers, and the one place where an
 * exception becomes what the user reads.
 *
 * <table>
 *   <tr><td>0</td><td>done</td></tr>
 *   <tr><td>1</td><td>failed while running (decoding, model, disk); files finished before are kept</td></tr>
 *   <tr><td>2</td><td>bad usage or bad input, found before anything ran; nothing was written</td></tr>
 *   <tr><td>3</td><td>cancelled (Ctrl-C, SIGTERM); finished mattes are kept and the sidecars say so</td></tr>
 *   <tr><td>4</td><td>the output folder is in use by another run; nothing was written, try again later</td></tr>
 * </table>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANCELLED = 3;
    public static final int BUSY = 4;

    /** The table shown by every {@code --help} and in the README. */
    public static final Map<String, String> TABLE = table();

    private static final Pattern INTERNAL = Pattern.compile(
            "(\\b(java|javax|jdk|sun|com|org|ai|picocli)\\.[a-z0-9_]+\\.[A-Za-z0-9_.$]*)"
                    + "|Exception\\b|Error\\b|Cannot invoke|because \"|\\[Source:|StreamReadFeature|No enum constant"
                    + "|DeserializationConfig|\\bnull\\b|\\tat |line: \\d+, column: \\d+");

    private ExitCodes() {}

    private static Map<String, String> table() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "done");
        m.put("1", "failed while running (decoding, model, disk); files finished before are kept");
        m.put("2", "bad usage or bad input, found before anything ran");
        m.put("3", "cancelled (Ctrl-C, SIGTERM); finished mattes are kept, sidecars say so");
        m.put("4", "the output folder is in use by another run; try again later");
        return m;
    }

    /** The exit code of an exception that ended a command. */
    public static int of(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof ShotDocumentException || ex instanceof PresetException
                || ex instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (ex instanceof OutputBusyException) {
            return BUSY;
        }
        return FAILED;
    }

    /**
     * One sentence (or our own list of sentences) for the user, never a stack trace, class name or
     * library text: our exceptions speak for themselves; anything else is described by what failed.
     */
    public static String describe(Throwable ex) {
        if (of(ex) != FAILED) {
            return plain(String.valueOf(ex.getMessage()));
        }
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m != null && !m.isBlank() && !INTERNAL.matcher(m).find()) {
            return m;
        }
        // "<our sentence>: <library text>": keep our sentence
        String clean = cleanPrefix(m);
        if (clean != null) {
            return clean;
        }
        if (t instanceof java.nio.file.NoSuchFileException e) {
            return e.getFile() + " does not exist";
        }
        if (t instanceof java.nio.file.AccessDeniedException e) {
            return e.getFile() + " cannot be accessed: permission denied";
        }
        if (t instanceof IOException) {
            return "a file could not be read or written" + (m != null && m.contains("No space") ? ": the disk is full" : "");
        }
        if (t instanceof OutOfMemoryError) {
            return "the run needed more memory than Java was given (raise -Xmx)";
        }
        return "the run stopped on an internal error (set SAM2LONG_DEBUG=1 to see the details)";
    }

    /** The longest part before a ": " that holds no library text, if it says something. */
    static String cleanPrefix(String m) {
        if (m == null) {
            return null;
        }
        String best = null;
        for (int i = m.indexOf(": "); i > 0; i = m.indexOf(": ", i + 1)) {
            String head = m.substring(0, i).strip();
            if (INTERNAL.matcher(head).find()) {
                break;
            }
            best = head;
        }
        return best != null && best.length() >= 12 ? best : null;
    }

    /** Known library phrases inside our own messages, said plainly. */
    static String plain(String m) {
        return m.replaceAll("Input length = \\d+", "the file is not UTF-8 text (is it a binary file?)")
                .replaceAll("MalformedInputException", "the file is not UTF-8 text");
    }

    /** Prints the details of an unexpected failure when {@code SAM2LONG_DEBUG} is set. */
    static void debug(Throwable ex, java.io.PrintWriter err) {
        String env = System.getenv("SAM2LONG_DEBUG");
        if (env != null && !env.isBlank() && !env.equals("0")) {
            ex.printStackTrace(err);
        }
    }
}
