package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    private static final int W = 16;
    private static final int H = 16;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** An 8-bit palette PNG: object 1 a 4x4 square at (x1, 2), object 2 a 4x4 square at (9, 9). */
    private static void palette(Path file, int x1) throws IOException {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        r[1] = (byte) 128;
        g[2] = (byte) 128;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x1 + x, 2 + y, 0, 1);
                img.getRaster().setSample(9 + x, 9 + y, 0, 2);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** truth/bear and pred/bear, 3 frames; pred object 1 is one pixel to the right on frame 1 (J 0.6, F 1). */
    private void dataset() throws IOException {
        for (int f = 0; f < 3; f++) {
            String name = String.format("%05d.png", f);
            palette(tmp.resolve("truth/bear/" + name), 2);
            palette(tmp.resolve("pred/bear/" + name), f == 1 ? 3 : 2);
        }
    }

    @Test
    void evalCommand_isRegisteredInTheSam2longCli() {
        assertTrue(new CommandLine(new Sam2LongCli()).getSubcommands().containsKey("eval"));
    }

    @Test
    void printsPerObjectAndPerVideoTablesAndWritesJson() throws IOException {
        dataset();
        Path json = tmp.resolve("report/jf.json");
        int code = run("--pred", tmp.resolve("pred").toString(), "--truth", tmp.resolve("truth").toString(),
                "--json", json.toString());
        String text = out.toString();
        assertEquals(ExitCodes.OK, code, err.toString());
        // object 1: J (1 + 0.6 + 1) / 3 = 86.7 %, F 100 %, J&F 93.3 %; object 2 perfect
        assertTrue(text.lines().anyMatch(l -> l.matches("bear\\s+1\\s+3\\s+86\\.7\\s+100\\.0\\s+93\\.3")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("bear\\s+2\\s+3\\s+100\\.0\\s+100\\.0\\s+100\\.0")), text);
        // video: J (86.67 + 100) / 2 = 93.3, J&F 96.7
        assertTrue(text.lines().anyMatch(l -> l.matches("bear\\s+2\\s+93\\.3\\s+100\\.0\\s+96\\.7")), text);
        assertTrue(text.contains("Overall (mean over 1 video): J 93.3  F 100.0  J&F 96.7"), text);
        assertTrue(err.toString().contains("note: Ground truth: palette layout"), err.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals((1 + (1 + 0.6 + 1) / 3) / 2, root.path("overall").path("J").asDouble(), 1e-12);
        assertEquals(1, root.path("overall").path("videos").asInt());
        assertEquals(2, root.path("objects").size());
        assertFalse(root.path("protocol").path("skipFirstLast").asBoolean());
    }

    @Test
    void skipFirstLastScoresOnlyTheMiddleFrame() throws IOException {
        dataset();
        assertEquals(ExitCodes.OK, run("--pred", tmp.resolve("pred").toString(),
                "--truth", tmp.resolve("truth").toString(), "--skip-first-last"));
        String text = out.toString();
        assertTrue(text.lines().anyMatch(l -> l.matches("bear\\s+1\\s+1\\s+60\\.0\\s+100\\.0\\s+80\\.0")), text);
        assertTrue(text.contains("first and last annotated frame of each video skipped"), text);
    }

    @Test
    void missingFolderFailsWithOneSentence() throws IOException {
        dataset();
        Path nope = tmp.resolve("nope");
        int code = run("--pred", nope.toString(), "--truth", tmp.resolve("truth").toString());
        assertEquals(ExitCodes.USAGE, code);
        assertEquals("sam2long: The prediction folder " + nope + " does not exist.", err.toString().trim());
        assertEquals("", out.toString());
    }

    @Test
    void badLayoutAndThresholdAreUsageErrors() throws IOException {
        dataset();
        assertEquals(ExitCodes.USAGE, run("--pred", tmp.resolve("pred").toString(),
                "--truth", tmp.resolve("truth").toString(), "--pred-layout", "mosaic"));
        assertTrue(err.toString().contains("not a layout"), err.toString());
        assertEquals(ExitCodes.USAGE, run("--pred", tmp.resolve("pred").toString(),
                "--truth", tmp.resolve("truth").toString(), "--threshold", "1.5"));
    }

    @Test
    void runsThroughTheSam2longEntryPointWithLowerCaseLayouts() throws IOException {
        dataset();
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Sam2LongCli.execute("eval", "--pred", tmp.resolve("pred/bear").toString(),
                    "--truth", tmp.resolve("truth").toString(), "--pred-layout", "palette", "--threads", "1");
        } finally {
            System.setOut(saved);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, code, text);
        assertTrue(text.contains("J&F 96.7"), text);
    }

    /** A track-command output: {@code <object>/<object>.<frame>.png} (8-bit grey), a sidecar and previews/. */
    private void trackOutput(Path root, int first, int count) throws IOException {
        for (int f = first; f < first + count; f++) {
            BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 2; y < 8; y++) {
                for (int x = 2; x < 8; x++) {
                    img.getRaster().setSample(x, y, 0, 255);
                }
            }
            Path file = root.resolve(String.format("hero/hero.%04d.png", f));
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        }
        Files.writeString(root.resolve("hero/hero.sam2long.json"), "{\"format\": \"sam2long-mattes/1\"}");
        Files.createDirectories(root.resolve("previews"));
        ImageIO.write(new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB), "png", root.resolve("previews/contact_sheet.png").toFile());
    }

    @Test
    void readsTheTrackCommandsOwnOutputIgnoringPreviewsAndSidecars() throws IOException {
        trackOutput(tmp.resolve("pred"), 0, 3);
        trackOutput(tmp.resolve("truth"), 0, 3);
        int code = run("--pred", tmp.resolve("pred").toString(), "--truth", tmp.resolve("truth").toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        assertFalse(out.toString().contains("previews"), out.toString());
        assertTrue(out.toString().contains("hero"), out.toString());
        code = run("--pred", tmp.resolve("pred").toString(), "--truth", tmp.resolve("truth").toString(), "--pred-layout", "track");
        assertEquals(ExitCodes.OK, code, err.toString());
        assertFalse(out.toString().contains("previews"), "previews is never an object: " + out);
    }

    @Test
    void predictionSharingNoFrameWithTheTruthIsAnError() throws IOException {
        trackOutput(tmp.resolve("pred"), 50, 3);
        trackOutput(tmp.resolve("truth"), 0, 3);
        int code = run("--pred", tmp.resolve("pred").toString(), "--truth", tmp.resolve("truth").toString());
        assertEquals(ExitCodes.USAGE, code, out.toString());
        assertTrue(err.toString().contains("share no frames"), err.toString());
        assertFalse(out.toString().contains("J&F"), out.toString());
    }
}
