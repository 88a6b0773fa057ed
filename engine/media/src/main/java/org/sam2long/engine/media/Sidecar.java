package org.sam2long.engine.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON file written beside a matte sequence recording what produced it. Content is a map so
 * that this package needs no other engine package: callers put in {@code engineVersion},
 * {@code model}, {@code preset} (any JSON-able value: Map, record, Jackson node), {@code prompts}
 * and whatever else they like; {@link MatteExport} adds the output and clean-up settings, the
 * source and the frames written. Written atomically, pretty-printed, keys in insertion order.
 */
public final class Sidecar {
    /** Value of the {@code format} key. */
    public static final String FORMAT = "sam2long-mattes/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sidecar() {}

    /** The sidecar path of one object's sequence: {@code <folder of its files>/<name>.sam2long.json}. */
    public static Path pathFor(MatteWriter writer, MatteObject object, int anySourceFrame) throws MatteWriteException {
        Path file = writer.settings().exrLayers() ? writer.layeredFile(anySourceFrame) : writer.file(object, anySourceFrame);
        String name = writer.settings().exrLayers() ? MatteWriter.LAYERED_NAME : object.safeName();
        return file.resolveSibling(name + ".sam2long.json");
    }

    /** Writes {@code content} (with {@code format} first) as JSON to {@code file}. */
    public static void write(Path file, Map<String, Object> content) throws MatteWriteException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.putAll(content);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsString(doc).concat("\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new MatteWriteException("The sidecar " + file + " cannot be written: a value is not JSON-able ("
                    + e.getOriginalMessage() + ").", e);
        }
        AtomicFiles.write(file, bytes);
    }
}
