package org.sam2long.ofx.effect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.SavedShot;
import org.sam2long.ofx.prompt.ShotEdits;
import org.sam2long.ofx.testing.DiscClip;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.ModelPool;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;

/**
 * Same preset, same mattes: for every preset the plug-in offers, a track through the plug-in's path
 * (the preset chosen in the parameters, {@link PresetEdits} filling them, {@link InstanceSettings}
 * reading them back, {@link TrackRun#request}, {@link EngineTracker}) gives bit-identical mattes to
 * the engine calls {@code sam2long track} makes for that preset (render-node's {@code TrackJob}: the
 * preset resolved by the presets module, {@code Sam2Model.load(dir, preset.runtime())},
 * {@code new TrackingSession(model, clip, preset.tracking(), preset.tree())}, {@code addPrompt} per
 * prompt, {@code track}). The model is overridden on both sides (Model folder; {@code --model}) by
 * the bundled demo model's folder, since the other presets name checkpoints CI does not have; that
 * the plug-in otherwise takes the preset's model name is checked on its own. The test host's disc
 * clip, cut to its first 8 frames to keep the module's tests fast.
 */
class PresetParityTest {
    private static final PresetLibrary LIBRARY = PresetLibrary.builtInOnly();
    private static final ModelPool PLUGIN_MODELS = new ModelPool();
    private static final Map<RuntimeSettings, Sam2Model> CLI_MODELS = new HashMap<>();
    private static final Path DEMO = BundledModels.extract(BundledModels.DEMO);
    private static final FrameSource CLIP = new FirstFrames(new DiscClip(), 8);

    @TempDir
    Path cache;

    static List<Integer> choices() {
        return java.util.stream.IntStream.range(0, PresetChoices.labels().size()).boxed().toList();
    }

    @AfterAll
    static void closeModels() {
        CLI_MODELS.values().forEach(Sam2Model::close);
    }

    @ParameterizedTest(name = "preset {0}")
    @MethodSource("choices")
    void thePlugInTracksAPresetAsSam2longTrackDoes(int choice) throws Exception {
        String name = PresetChoices.labels().get(choice);
        double[] a = DiscClip.centre(2), b = DiscClip.centre(6);
        ShotDocument doc = ShotEdits.withNewObject(SavedShot.initial(), "second");
        doc = ShotEdits.withClick(doc, 1, 2, new ShotDocument.Click(a[0], a[1], false));
        doc = ShotEdits.withClick(doc, 1, 2, new ShotDocument.Click(a[0] + 30, a[1], true));
        doc = ShotEdits.withClick(doc, 1, 6, new ShotDocument.Click(b[0], b[1], false));
        doc = ShotEdits.withBox(doc, 2, 4, new ShotDocument.Box(10, 10, 60, 50));

        // the plug-in: choose the preset as the artist does, read the instance's settings, track
        ParamValues params = ParamValues.inMemory();
        params.set(RotoParams.PROMPTS, SavedShot.format(doc));
        params.set(RotoParams.PRESET, choice);
        new PresetEdits(params, new PresetChoices(LIBRARY)).apply();
        params.set(RotoParams.MODEL_DIR, DEMO.toString());
        InstanceSettings s = new InstanceSettings.Reader(new PresetChoices(LIBRARY), cache).read(params);
        List<Prompt> prompts = ShotEdits.enginePrompts(s.prompts(), ShotEdits.objectIds(s.prompts()), PlateFrames.of(CLIP));
        Map<String, Matte> plugin = new TreeMap<>();
        try (EngineTracker tracker = new EngineTracker(PLUGIN_MODELS)) {
            tracker.track(TrackRun.request(CLIP, prompts, s, s.tracking().direction()),
                    m -> plugin.put(m.objectId() + "@" + m.frameIndex(), m), (done, total) -> true);
        }

        // sam2long track --preset name --model <demo folder>: TrackJob's engine calls
        ResolvedPreset preset = LIBRARY.resolve(name);
        Sam2Model model = CLI_MODELS.computeIfAbsent(preset.runtime(), r -> Sam2Model.load(DEMO, r));
        Map<String, Matte> cli = new TreeMap<>();
        try (TrackingSession session = new TrackingSession(model, CLIP, preset.tracking(), preset.tree())) {
            for (Prompt p : prompts) {
                session.addPrompt(p);
            }
            session.track(m -> cli.put(m.objectId() + "@" + m.frameIndex(), m), Progress.none(), CancelToken.none());
        }

        assertEquals(preset.model().name(), s.modelName(), "the plug-in tracks with the preset's model");
        assertEquals(cli.keySet(), plugin.keySet(), name + ": the same (object, frame) mattes");
        assertTrue(cli.size() >= 8, name + ": " + cli.size() + " mattes");
        for (String k : cli.keySet()) {
            assertArrayEquals(cli.get(k).lowRes(), plugin.get(k).lowRes(), name + ": matte " + k);
        }
    }

    @ParameterizedTest(name = "preset {0}")
    @MethodSource("choices")
    void withoutAModelFolderThePlugInLoadsThePresetsModelAsTheCliFindsIt(int choice) {
        String name = PresetChoices.labels().get(choice);
        ResolvedPreset preset = LIBRARY.resolve(name);
        PresetChoices.Choice c = new PresetChoices(LIBRARY).get(choice);
        assertEquals(preset.model().name(), c.model());
        if (BundledModels.exists(c.model())) {
            assertEquals(org.sam2long.engine.model.ModelPool.Key.bundled(c.model(), preset.runtime()),
                    ModelPool.key(null, c.model(), preset.runtime()));
        } else {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ModelPool.key(null, c.model() + "-not-installed", preset.runtime()));
            assertTrue(e.getMessage().contains("'" + c.model() + "-not-installed' is not installed"), e.getMessage());
        }
    }

    /** The first {@code n} frames of a clip. */
    private record FirstFrames(FrameSource in, int n) implements FrameSource {
        @Override public int frameCount() { return n; }
        @Override public int width() { return in.width(); }
        @Override public int height() { return in.height(); }
        @Override public double frameRate() { return in.frameRate(); }
        @Override public Frame read(int index) throws FrameSourceException { return in.read(index); }
    }
}
