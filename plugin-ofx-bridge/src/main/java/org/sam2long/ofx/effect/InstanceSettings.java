package org.sam2long.ofx.effect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.SavedShot;
import org.sam2long.ofx.render.MissingFramePolicy;
import org.sam2long.ofx.render.OutputMode;

/**
 * A snapshot of an instance's parameters, read once per action, with the chosen preset's tracking
 * and runtime settings (which have no parameters of their own: the preset applies them whole).
 * The model is the Model folder when one is set, else the preset's model ({@code modelName}).
 */
record InstanceSettings(String promptsJson, ShotDocument prompts, int resultsVersion, String instanceId,
                        int currentObject, OutputMode outputMode, MissingFramePolicy missingFrames,
                        CleanupSettings cleanup, TreeSettings tree, TrackingSettings tracking, RuntimeSettings runtime,
                        Path modelDir, String modelName, Path cacheRoot, long cacheLimitBytes) {

    /**
     * Reads snapshots: what it needs besides the parameters (the presets, the cache folder used when
     * the Cache folder parameter is empty) comes from the plug-in's Guice module.
     */
    static final class Reader {
        private final PresetChoices presets;
        private final Path defaultCacheRoot;

        Reader(PresetChoices presets, Path defaultCacheRoot) {
            this.presets = presets;
            this.defaultCacheRoot = defaultCacheRoot;
        }

        InstanceSettings read(ParamValues p) {
            String json = p.get(RotoParams.PROMPTS);
            PresetChoices.Choice choice = presets.get(p.get(RotoParams.PRESET));
            TreeSettings preset = choice.tree();
            TreeSettings tree = new TreeSettings(p.get(RotoParams.PATHWAYS), p.get(RotoParams.IOU_THRESHOLD),
                    p.get(RotoParams.UNCERTAINTY), preset.modulationMin(), preset.modulationMax(), p.get(RotoParams.MODULATION),
                    preset.memoryGating(), preset.referenceParity(), preset.deduplicate(), preset.streamingFinalisation());
            String modelDir = p.get(RotoParams.MODEL_DIR).trim();
            String cacheDir = p.get(RotoParams.CACHE_DIR).trim();
            return new InstanceSettings(json, SavedShot.parse(json), p.get(RotoParams.RESULTS_VERSION),
                    p.get(RotoParams.INSTANCE_ID).trim(), p.get(RotoParams.CURRENT_OBJECT),
                    OutputMode.ofIndex(p.get(RotoParams.OUTPUT_MODE)), MissingFramePolicy.ofIndex(p.get(RotoParams.MISSING_FRAMES)),
                    cleanup(p), tree, choice.tracking(), choice.runtime(), modelDir.isEmpty() ? null : Path.of(modelDir), choice.model(),
                    cacheDir.isEmpty() ? defaultCacheRoot : Path.of(cacheDir),
                    p.get(RotoParams.CACHE_LIMIT_MB) * 1024L * 1024L);
        }
    }

    /** The clean-up parameters as the engine's settings, field for field (grow rounded to whole pixels). */
    static CleanupSettings cleanup(ParamValues p) {
        return new CleanupSettings(p.get(RotoParams.SOFT_EDGES), p.get(RotoParams.SOFTNESS), p.get(RotoParams.THRESHOLD),
                p.get(RotoParams.FILL_HOLES), p.get(RotoParams.REMOVE_ISLANDS), (int) Math.round(p.get(RotoParams.GROW)),
                p.get(RotoParams.FEATHER), p.get(RotoParams.TEMPORAL_WINDOW));
    }

    /**
     * The cache folder name: the instance id once Track has set one; before that (a project whose
     * prompts came from elsewhere, rendered headless) a digest of the prompts.
     */
    String cacheInstance() {
        if (!instanceId.isEmpty()) {
            return instanceId;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(promptsJson.getBytes(StandardCharsets.UTF_8));
            return "p" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    MatteCache cache() { return new MatteCache(cacheRoot); }
}
