package org.sam2long.engine.shot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON text in our words: strict UTF-8 reading, and syntax errors as one plain sentence without library text. */
public final class JsonText {
    private JsonText() {}

    /** The file as UTF-8 text; a {@link java.nio.charset.CharacterCodingException} when it is not. */
    public static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    // ---- syntax errors, in our words ----

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.{1,2})' \\(code (\\d+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '([^']{0,60})'");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{0,40})");

    /** "not valid JSON at line L, column C: why". */
    public static String syntax(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        JsonLocation loc = e.getLocation();
        String at = loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
        String why;
        Matcher u = UNEXPECTED.matcher(m);
        Matcher d = DUPLICATE.matcher(m);
        Matcher t = TOKEN.matcher(m);
        if (d.find()) {
            why = "the key '" + d.group(1) + "' appears twice in one object";
        } else if (m.contains("NaN") || m.contains("Infinity")) {
            why = "NaN and Infinity are not numbers JSON allows";
        } else if (m.contains("end-of-input") || m.contains("EOF")) {
            why = "the text ends before the document is complete";
        } else if (m.contains("Trailing token")) {
            why = "there is more text after the end of the document";
        } else if (m.contains("Invalid UTF-8") || m.contains("Invalid character")) {
            why = "the text is not valid UTF-8";
        } else if (m.contains("Number value length") || m.contains("Numeric value") || m.contains("out of range")) {
            why = "a number is too long";
        } else if (m.contains("nesting depth") || m.contains("Nesting depth")) {
            why = "it is nested too deeply";
        } else if (u.find()) {
            int code = Integer.parseInt(u.group(2));
            why = "unexpected character " + (code < 0x20 || code > 0x7e ? "with code " + code : "'" + u.group(1) + "'")
                    + " (check the commas, quotes and brackets)";
        } else if (t.find()) {
            why = "unexpected word '" + t.group(1).replaceAll("[^\\x20-\\x7e]", "?")
                    + "' (text must be in double quotes; true, false and null are lower case)";
        } else if (m.contains("control character") || m.contains("CTRL-CHAR")) {
            why = "a text holds a raw control character (write line breaks as \\n)";
        } else {
            why = "it is not well-formed JSON";
        }
        return "not valid JSON" + at + ": " + why;
    }
}
