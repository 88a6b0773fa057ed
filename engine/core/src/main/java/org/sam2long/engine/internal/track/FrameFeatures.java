package org.sam2long.engine.internal.track;

import org.sam2long.engine.internal.model.FloatTensor;

/** Image-encoder outputs of one frame, shared by every object and pathway on that frame. */
public record FrameFeatures(int frame, FloatTensor features, FloatTensor featurePos, FloatTensor highRes0,
                     FloatTensor highRes1) {}
