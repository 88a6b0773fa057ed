package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.List;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * One tracking run: the frames, the prompts (0-based frame indices), which way, and with what.
 *
 * @param modelDir a model directory, or null for the bundled model {@code bundledModel}
 */
public record TrackRequest(FrameSource frames, List<Prompt> prompts, TrackingSettings tracking, TreeSettings tree,
                           Path modelDir, String bundledModel) {
    public TrackRequest {
        prompts = List.copyOf(prompts);
    }
}
