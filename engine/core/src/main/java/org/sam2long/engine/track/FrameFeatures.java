package org.sam2long.engine.track;

import org.sam2long.engine.model.FloatTensor;

/** Image-encoder outputs of one frame, shared by every object and pathway on that frame. */
record FrameFeatures(int frame, FloatTensor features, FloatTensor featurePos, FloatTensor highRes0,
                     FloatTensor highRes1) {}
