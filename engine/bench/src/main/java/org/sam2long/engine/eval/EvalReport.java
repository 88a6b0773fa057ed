package org.sam2long.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The result of an evaluation: one row per object (mean over its frames) and per video (mean over its
 * objects), the overall mean over videos, and the mean over all objects (DAVIS 2017's global figure).
 * Scores are fractions in [0, 1]; {@link #table()} prints them as percentages.
 *
 * @param objects       per-object rows, by video then object in natural order; count = frames scored
 * @param videos        per-video rows; count = objects
 * @param overall       mean of the per-video rows; count = videos
 * @param objectMean    mean of all per-object rows; count = objects
 * @param skipFirstLast whether the first and last annotated frame of each video were left out
 * @param notes         things the user should know (frames missing in the prediction, ignored objects...)
 */
public record EvalReport(List<ObjectScore> objects, List<VideoScore> videos, Score overall, Score objectMean,
                         boolean skipFirstLast, List<String> notes) {

    /** One object of one video, averaged over its scored frames. */
    public record ObjectScore(String video, String object, Score score) {}

    /** One video, averaged over its objects. */
    public record VideoScore(String video, Score score) {}

    /** Percent with one decimal, e.g. {@code 0.8763 -> "87.6"}; NaN prints as {@code "-"}. */
    public static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v * 100);
    }

    /** The per-object table, the per-video table and the overall means, as plain text. */
    public String table() {
        int vw = "video".length();
        int ow = "object".length();
        for (ObjectScore o : objects) {
            vw = Math.max(vw, o.video().length());
            ow = Math.max(ow, o.object().length());
        }
        for (VideoScore v : videos) {
            vw = Math.max(vw, v.video().length());
        }
        StringBuilder sb = new StringBuilder();
        String protocol = skipFirstLast ? "first and last annotated frame of each video skipped"
                : "all annotated frames";
        sb.append("J&F per object (percent; ").append(protocol).append(")\n");
        String objFmt = "%-" + vw + "s  %-" + ow + "s  %6s  %6s  %6s  %6s%n";
        sb.append(String.format(Locale.ROOT, objFmt, "video", "object", "frames", "J", "F", "J&F"));
        for (ObjectScore o : objects) {
            Score s = o.score();
            sb.append(String.format(Locale.ROOT, objFmt, o.video(), o.object(), s.count(),
                    percent(s.j()), percent(s.f()), percent(s.jandf())));
        }
        sb.append('\n').append("J&F per video (mean over its objects)\n");
        String vidFmt = "%-" + vw + "s  %7s  %6s  %6s  %6s%n";
        sb.append(String.format(Locale.ROOT, vidFmt, "video", "objects", "J", "F", "J&F"));
        for (VideoScore v : videos) {
            Score s = v.score();
            sb.append(String.format(Locale.ROOT, vidFmt, v.video(), s.count(),
                    percent(s.j()), percent(s.f()), percent(s.jandf())));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Overall (mean over %d video%s): J %s  F %s  J&F %s%n",
                overall.count(), overall.count() == 1 ? "" : "s",
                percent(overall.j()), percent(overall.f()), percent(overall.jandf())));
        sb.append(String.format(Locale.ROOT, "Mean over all %d object%s:    J %s  F %s  J&F %s%n",
                objectMean.count(), objectMean.count() == 1 ? "" : "s",
                percent(objectMean.j()), percent(objectMean.f()), percent(objectMean.jandf())));
        return sb.toString();
    }

    /** The report as JSON (scores as fractions in [0, 1], not percentages). */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode protocol = root.putObject("protocol");
        protocol.put("skipFirstLast", skipFirstLast);
        protocol.put("boundaryTolerance", "ceil(" + BoundaryAccuracy.TOLERANCE_FRACTION + " * image diagonal)");
        protocol.put("averaging", "per object over frames, then per video over objects, then over videos");
        score(root.putObject("overall"), overall, "videos");
        score(root.putObject("objectMean"), objectMean, "objects");
        ArrayNode vs = root.putArray("videos");
        for (VideoScore v : videos) {
            ObjectNode n = vs.addObject();
            n.put("video", v.video());
            score(n, v.score(), "objects");
        }
        ArrayNode os = root.putArray("objects");
        for (ObjectScore o : objects) {
            ObjectNode n = os.addObject();
            n.put("video", o.video());
            n.put("object", o.object());
            score(n, o.score(), "frames");
        }
        ArrayNode ns = root.putArray("notes");
        notes.forEach(ns::add);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toJson()} to a file, creating its folder. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    private static void score(ObjectNode n, Score s, String countName) {
        number(n, "J", s.j());
        number(n, "F", s.f());
        number(n, "JF", s.jandf());
        n.put(countName, s.count());
    }

    private static void number(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }
}
