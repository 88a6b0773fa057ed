package org.sam2long.rendernode.farm.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenCue job spec (the cuebot's XML, DTD {@code cjsl-1.15}) that {@code opencue.api.launchSpec}
 * or {@code cuesubmit} launches: one job, one Render layer per object (range {@code 1}, chunk 1)
 * running {@code sam2long track --object ID}, each layer depending on the one before
 * ({@code LAYER_ON_LAYER}), since the objects share the output folder's lock. Names follow the
 * cuebot's rules (lower case letters, digits, {@code _} and {@code .}, at least 3 characters). A
 * multi-layer shot ({@code output.exrLayers}) adds a last layer, {@code sam2long merge}, depending on
 * every object layer; its object layers write parts ({@code track --part}).
 */
public final class OpenCueSpec {
    /** The DTD the spec names; cuebot serves its DTDs under this address. */
    public static final String DTD = "http://localhost:8080/spcue/dtd/cjsl-1.15.dtd";

    private OpenCueSpec() {}

    /** The spec file's name and text. */
    public static Map<String, String> files(ExportedShot shot, String show, String user) {
        String job = name("sam2long_" + shot.stem());
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" \"").append(DTD).append("\">\n");
        x.append("<!-- ").append(shot.summary().replaceAll("-(?=-)", "- ")).append(" -->\n");
        x.append("<spec>\n");
        x.append("  <show>").append(esc(name(show))).append("</show>\n");
        x.append("  <shot>").append(esc(name(shot.stem()))).append("</shot>\n");
        x.append("  <user>").append(esc(name(user))).append("</user>\n");
        x.append("  <job name=\"").append(esc(job)).append("\">\n");
        x.append("    <layers>\n");
        List<String> layers = new ArrayList<>();
        for (ExportedShot.ObjectRun o : shot.objects()) {
            String layer = layerName(o);
            layers.add(layer);
            List<String> words = new ArrayList<>();
            words.add(sh(shot.executable()));
            shot.trackArgs(o.id()).forEach(a -> words.add(sh(a)));
            x.append("      <layer name=\"").append(esc(layer)).append("\" type=\"Render\">\n");
            x.append("        <cmd>").append(esc(String.join(" ", words))).append("</cmd>\n");
            x.append("        <range>1</range>\n");
            x.append("        <chunk>1</chunk>\n");
            x.append("      </layer>\n");
        }
        if (shot.layered()) {
            List<String> words = new ArrayList<>();
            words.add(sh(shot.executable()));
            shot.mergeArgs().forEach(a -> words.add(sh(a)));
            x.append("      <layer name=\"").append(MERGE_LAYER).append("\" type=\"Render\">\n");
            x.append("        <cmd>").append(esc(String.join(" ", words))).append("</cmd>\n");
            x.append("        <range>1</range>\n");
            x.append("        <chunk>1</chunk>\n");
            x.append("      </layer>\n");
        }
        x.append("    </layers>\n");
        x.append("  </job>\n");
        if (layers.size() > 1 || shot.layered()) {
            x.append("  <depends>\n");
            for (int i = 1; i < layers.size(); i++) {
                depend(x, job, layers.get(i), layers.get(i - 1));
            }
            if (shot.layered()) {
                for (String layer : layers) {
                    depend(x, job, MERGE_LAYER, layer);
                }
            }
            x.append("  </depends>\n");
        }
        x.append("</spec>\n");
        return Map.of(shot.stem() + ".opencue.xml", x.toString());
    }

    private static void depend(StringBuilder x, String job, String layer, String onLayer) {
        x.append("    <depend type=\"LAYER_ON_LAYER\">\n");
        x.append("      <depjob>").append(esc(job)).append("</depjob>\n");
        x.append("      <deplayer>").append(esc(layer)).append("</deplayer>\n");
        x.append("      <onjob>").append(esc(job)).append("</onjob>\n");
        x.append("      <onlayer>").append(esc(onLayer)).append("</onlayer>\n");
        x.append("    </depend>\n");
    }

    /** The merge layer of a multi-layer shot (object layers start with {@code obj}). */
    static final String MERGE_LAYER = "merge_layers";

    /** A layer name: unique per object (the id leads). */
    static String layerName(ExportedShot.ObjectRun o) {
        return name("obj" + o.id() + "_" + o.name());
    }

    /** A name as the cuebot accepts it: lower case, [a-z0-9_.] only, at least 3 characters. */
    static String name(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "_").replaceAll("_{2,}", "_");
        while (n.length() < 3) {
            n = n + "_";
        }
        return n;
    }

    /** One word for the shell that runs a layer's command: kept bare when safe, else in single quotes. */
    static String sh(String word) {
        if (word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
