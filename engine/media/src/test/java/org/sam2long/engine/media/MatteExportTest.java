package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.OutputSettings.Channels;
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.matte.OutputSettings;

class MatteExportTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int FRAMES = 12;
    private static final int M = 16;
    private static final List<MatteObject> OBJECTS = List.of(new MatteObject(1, "hero"), new MatteObject(2, "red car"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FrameSource plate() throws Exception {
        Files.createDirectories(dir.resolve("plate"));
        for (int f = 1001; f < 1001 + FRAMES; f++) {
            TestImages.write8(dir.resolve(String.format("plate/plate.%04d.png", f)), W, H, f);
        }
        return FrameSources.open(dir.resolve("plate/plate.####.png").toString());
    }

    /** A blob that moves right over the shot (object 1) or a fixed box (object 2), on an M x M grid. */
    static Matte matte(int objectId, int index) {
        float[] logits = new float[M * M];
        for (int y = 0; y < M; y++) {
            for (int x = 0; x < M; x++) {
                double d = objectId == 1 ? Math.hypot(x - 3 - index * 0.7, y - 8) - 3 : Math.max(Math.abs(x - 11), Math.abs(y - 5)) - 2.5;
                logits[y * M + x] = (float) (-4 * d);
            }
        }
        return new Matte(objectId, index, M, logits, W, H, (float) (5 - index * 0.5 * objectId), objectId, 10.0 + index);
    }

    private static Map<String, Object> provenance() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engineVersion", "0.1.0-test");
        p.put("model", Map.of("name", "sam2long-demo", "sha256", "abc"));
        p.put("preset", JSON.readTree("{\"name\":\"soft-edges\",\"version\":2,\"cleanup\":{\"featherPixels\":2}}"));
        p.put("prompts", List.of(Map.of("object", 1, "frame", 1001, "points", List.of(List.of(10, 20, 1)))));
        return p;
    }

    @Test
    void writesSmoothedPremultipliedPngSequencesSidecarsAndPreviews() throws Exception {
        CleanupSettings cleanup = new CleanupSettings(true, 1.0, 0, 0, 0, 0, 0, 3);
        Path out = dir.resolve("out");
        try (FrameSource plates = plate()) {
            MatteWriter writer = new MatteWriter(out, new OutputSettings(MatteFormat.PNG16, Channels.RGBA_PREMULTIPLIED, false,
                    "{name}/{name}.{frame}.{ext}", 4, 0), OBJECTS);
            MatteExport export = new MatteExport(plates, writer, cleanup, provenance());
            for (int i = 0; i < FRAMES; i++) {
                export.accept(matte(1, i));
                export.accept(matte(2, i));
                if (i == 3) {
                    JsonNode partial = JSON.readTree(out.resolve("hero/hero.sam2long.json").toFile());
                    assertFalse(partial.get("complete").asBoolean());
                }
            }
            MatteExport.Summary summary = export.finish(true);
            assertEquals(2 * FRAMES, summary.mattesWritten());
            for (int f = 1001; f < 1001 + FRAMES; f++) {
                assertTrue(Files.isRegularFile(out.resolve(String.format("hero/hero.%d.png", f))));
                assertTrue(Files.isRegularFile(out.resolve(String.format("red_car/red_car.%d.png", f))));
            }
            MatteCleanup spatial = new MatteCleanup(cleanup);
            float[] a = spatial.apply(matte(1, 4)).alpha();
            float[] b = spatial.apply(matte(1, 5)).alpha();
            float[] c = spatial.apply(matte(1, 6)).alpha();
            float[] written = FfmpegReads.components(out.resolve("hero/hero.1006.png"))[3];
            for (int i = 0; i < written.length; i += 7) {
                assertEquals((a[i] + b[i] + c[i]) / 3, written[i], 1.0 / 65535 + 1e-6, "temporal mean at pixel " + i);
            }

            JsonNode side = JSON.readTree(out.resolve("red_car/red_car.sam2long.json").toFile());
            assertEquals(Sidecar.FORMAT, side.get("format").asText());
            assertEquals("0.1.0-test", side.get("engineVersion").asText());
            assertEquals("soft-edges", side.at("/preset/name").asText());
            assertEquals(1001, side.at("/prompts/0/frame").asInt());
            assertEquals("red car", side.at("/object/name").asText());
            assertEquals("PNG16", side.at("/output/format").asText());
            assertEquals(3, side.at("/cleanup/temporalWindow").asInt());
            assertEquals(1001, side.at("/frames/first").asInt());
            assertEquals(1012, side.at("/frames/last").asInt());
            assertEquals(FRAMES, side.at("/frames/count").asInt());
            assertEquals(1001, side.at("/source/firstFrame").asInt());
            assertTrue(side.get("complete").asBoolean());
            assertEquals(2, summary.sidecars().size());

            assertEquals("libopenh264", summary.movieCodec());
            BufferedImage sheet = ImageIO.read(out.resolve("previews/contact_sheet.png").toFile());
            assertEquals(4 * 320, sheet.getWidth());
            BufferedImage plot = ImageIO.read(out.resolve("previews/confidence.png").toFile());
            assertEquals(1200, plot.getWidth());
            try (VideoFrameSource movie = VideoFrameSource.open(out.resolve("previews/preview.mp4"))) {
                assertEquals(FRAMES, movie.frameCount());
                assertEquals(W, movie.width());
                assertTrue(movie.describe().contains("h264"), movie.describe());
            }
            assertEquals(FRAMES, export.confidence().points(2));
        }
    }

    @Test
    void layeredExrFromABackwardPassWaitsForEveryObject() throws Exception {
        Path out = dir.resolve("layers");
        try (FrameSource plates = plate()) {
            MatteWriter writer = new MatteWriter(out, new OutputSettings(MatteFormat.EXR_HALF, Channels.ALPHA, true,
                    "{name}.{frame}.{ext}", 4, 0), OBJECTS);
            MatteExport export = new MatteExport(plates, writer, CleanupSettings.none(), Map.of("engineVersion", "x"));
            for (int i = FRAMES - 1; i >= 0; i--) {
                export.accept(matte(1, i));
                assertFalse(Files.exists(out.resolve(String.format("mattes.%d.exr", 1001 + i))), "waits for the second object");
                export.accept(matte(2, i));
                assertTrue(Files.exists(out.resolve(String.format("mattes.%d.exr", 1001 + i))));
            }
            MatteExport.Summary summary = export.finish(false);
            assertEquals(List.of(out.resolve("mattes.sam2long.json")), summary.sidecars());
            ExrReader.Image img = ExrReader.read(out.resolve("mattes.1005.exr"));
            assertEquals(List.of("hero.A", "red_car.A"), List.copyOf(img.channels().keySet()));
            byte[] binary = matte(2, 4).binary();
            float[] car = img.channel("red_car.A");
            for (int i = 0; i < binary.length; i++) {
                assertEquals(binary[i], car[i], 0f);
            }
        }
    }
}
