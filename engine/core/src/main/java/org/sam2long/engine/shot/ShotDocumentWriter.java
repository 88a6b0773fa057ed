package org.sam2long.engine.shot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a {@link ShotDocument} as version-{@value ShotDocument#VERSION} JSON (whatever version it
 * was read from: writing is the migration). Keys in a fixed order; absent parts are left out. Files
 * are written to a hidden temporary name beside the target and renamed over it.
 */
public final class ShotDocumentWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ShotDocumentWriter() {}

    public static ObjectNode toTree(ShotDocument doc) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ShotDocument.FORMAT);
        root.put("version", ShotDocument.VERSION);
        if (doc.id() != null) {
            root.put("id", doc.id());
        }
        if (doc.source() != null) {
            ObjectNode s = root.putObject("source");
            if (doc.source().path() != null) {
                s.put("path", doc.source().path());
            }
            if (doc.source().first() != null) {
                s.put("first", doc.source().first());
            }
            if (doc.source().last() != null) {
                s.put("last", doc.source().last());
            }
        }
        ArrayNode objects = root.putArray("objects");
        for (ShotDocument.ShotObject o : doc.objects()) {
            ObjectNode on = objects.addObject();
            on.put("id", o.id());
            on.put("name", o.name());
            ArrayNode ps = on.putArray("prompts");
            for (ShotDocument.FramePrompt p : o.prompts()) {
                ObjectNode pn = ps.addObject();
                pn.put("frame", p.frame());
                if (!p.clicks().isEmpty()) {
                    ArrayNode cs = pn.putArray("clicks");
                    for (ShotDocument.Click c : p.clicks()) {
                        ObjectNode cn = cs.addObject();
                        cn.put("x", c.x());
                        cn.put("y", c.y());
                        if (c.negative()) {
                            cn.put("negative", true);
                        }
                    }
                }
                if (p.box() != null) {
                    pn.putArray("box").add(p.box().x0()).add(p.box().y0()).add(p.box().x1()).add(p.box().y1());
                }
            }
        }
        if (doc.preset().name() != null || !doc.preset().overrides().isEmpty()) {
            ObjectNode pr = root.putObject("preset");
            if (doc.preset().name() != null) {
                pr.put("name", doc.preset().name());
            }
            if (!doc.preset().overrides().isEmpty()) {
                ObjectNode ov = pr.putObject("overrides");
                doc.preset().overrides().forEach(ov::put);
            }
        }
        if (doc.output() != null && (doc.output().folder() != null || doc.output().format() != null)) {
            ObjectNode out = root.putObject("output");
            if (doc.output().folder() != null) {
                out.put("folder", doc.output().folder());
            }
            if (doc.output().format() != null) {
                out.put("format", doc.output().format());
            }
        }
        return root;
    }

    public static String toJson(ShotDocument doc) {
        try {
            return JSON.writeValueAsString(toTree(doc)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a shot document tree is always JSON", e);
        }
    }

    /** Writes {@code doc} to {@code file} through a temporary file and a rename. */
    public static void write(ShotDocument doc, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
        try {
            Files.writeString(tmp, toJson(doc), StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
