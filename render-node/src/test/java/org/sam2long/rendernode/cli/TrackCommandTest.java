package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.media.FrameSources;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.shot.ModelResolver;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.rendernode.testing.CliRun;

class TrackCommandTest {
    @TempDir
    static Path tmp;
    static Path clip;
    static Path prompts;

    @BeforeAll
    static void sample() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        prompts = tmp.resolve("orbit.prompts.json");
        try (var in = TrackCommandTest.class.getClassLoader().getResourceAsStream(DemoCommand.CLIP)) {
            Files.copy(in, clip);
        }
        try (var in = TrackCommandTest.class.getClassLoader().getResourceAsStream(DemoCommand.PROMPTS)) {
            Files.copy(in, prompts);
        }
    }


    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    private static int[] png16(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        Raster r = img.getRaster();
        int[] px = new int[img.getWidth() * img.getHeight()];
        r.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, px);
        return px;
    }

    @Test
    void sameShotAndPresetGiveIdenticalMattesThroughTheCommandAndTheEngineApi() throws Exception {
        Path out = tmp.resolve("cli");
        CliRun.Result r = cli("track", "--input", clip.toString(), "--prompt", prompts.toString(), "--out", out.toString(),
                "--preset", "default", "--direction", "forward", "--no-preview");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("240 mattes"), r.out());
        try (Stream<Path> files = Files.list(out.resolve("disc"))) {
            assertEquals(120, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        JsonNode sidecar = new ObjectMapper().readTree(out.resolve("disc").resolve("disc.sam2long.json").toFile());
        assertTrue(sidecar.toString().contains("sam2long-demo"), "sidecar names the model");
        assertTrue(sidecar.toString().contains("\"pathways\""), "sidecar holds the resolved preset");

        // the same shot and preset through the engine API directly
        ResolvedPreset preset = PresetLibrary.builtInOnly().resolve("default", Overrides.of("tracking.direction=forward"));
        ShotDocument sp = ShotDocumentReader.read(prompts);
        Map<String, float[]> api = new HashMap<>();
        MatteCleanup cleanup = new MatteCleanup(preset.cleanup());
        try (FrameSource src = FrameSources.open(clip.toString());
             Sam2Model model = ModelResolver.open(preset.model().name(), preset.runtime());
             TrackingSession s = new TrackingSession(model, src, preset.tracking(), preset.tree())) {
            for (ShotDocument.ShotObject o : sp.objects()) {
                for (ShotDocument.FramePrompt p : o.prompts()) {
                    s.addPrompt(org.sam2long.engine.prompt.Prompt.clicks(o.id(), p.frame(),
                            p.clicks().stream().map(c -> new org.sam2long.engine.prompt.Prompt.Click(c.x(), c.y(), !c.negative()))
                                    .toArray(org.sam2long.engine.prompt.Prompt.Click[]::new)));
                }
            }
            s.track(m -> {
                AlphaMatte a = cleanup.apply(m);
                api.put(m.objectId() + "/" + m.frameIndex(), a.alpha());
            }, Progress.none(), CancelToken.none());
        }
        for (int t : new int[] {0, 17, 55, 90, 119}) {
            int[] written = png16(out.resolve("disc").resolve(String.format("disc.%04d.png", t)));
            float[] alpha = api.get("1/" + t);
            for (int i = 0; i < written.length; i++) {
                assertEquals(Math.round(alpha[i] * 65535), written[i], "frame " + t + " pixel " + i);
            }
        }
    }

    @Test
    void promptOnAFrameTheClipLacksIsOneSentence() {
        CliRun.Result r = cli("track", "--input", clip.toString(), "--prompt",
                "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":500,\"clicks\":[{\"x\":10,\"y\":10}]}]}]}",
                "--out", tmp.resolve("bad").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("object 1 'object1' on plate frame 500 is outside") && r.err().contains("has plate frames 0..119"), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace: " + r.err());
    }

    @Test
    void unreadableInputIsNamed() {
        CliRun.Result r = cli("track", "--input", tmp.resolve("missing.mp4").toString(), "--prompt", prompts.toString(),
                "--out", tmp.resolve("bad2").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("missing.mp4"), r.err());
        assertFalse(r.err().contains("at org."), r.err());
    }

    @Test
    void clickOutsideTheFrameIsOneSentence() {
        CliRun.Result r = cli("track", "--input", clip.toString(), "--prompt",
                "{\"objects\":[{\"id\":3,\"prompts\":[{\"frame\":4,\"clicks\":[{\"x\":900,\"y\":10}]}]}]}",
                "--out", tmp.resolve("bad3").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("object 3") && r.err().contains("outside the 320x240 frame"), r.err());
    }

    @Test
    void unknownPromptKeyIsNamedWithItsPath() {
        CliRun.Result r = cli("track", "--input", clip.toString(), "--prompt",
                "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clics\":[]}]}]}", "--out", tmp.resolve("bad4").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("unknown key 'objects[0].prompts[0].clics'"), r.err());
    }
}
