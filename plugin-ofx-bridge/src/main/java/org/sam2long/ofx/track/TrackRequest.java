package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.List;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * One tracking run: the frames, the prompts (0-based frame indices), which way, and with what.
 *
 * @param modelDir a model directory, or null for the bundled model {@code bundledModel}
 * @param runtime  how ONNX Runtime runs the model (the preset's runtime section)
 */
public record TrackRequest(FrameSource frames, List<Prompt> prompts, TrackingSettings tracking, TreeSettings tree,
                           Path modelDir, String bundledModel, RuntimeSettings runtime) {
    public TrackRequest {
        prompts = List.copyOf(prompts);
        if (runtime == null) {
            throw new IllegalArgumentException("a track request needs runtime settings");
        }
    }

    /** With the default runtime settings. */
    public TrackRequest(FrameSource frames, List<Prompt> prompts, TrackingSettings tracking, TreeSettings tree,
                        Path modelDir, String bundledModel) {
        this(frames, prompts, tracking, tree, modelDir, bundledModel, RuntimeSettings.defaults());
    }
}
