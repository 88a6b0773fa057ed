package org.sam2long.engine.matte;

/**
 * The engine's answer for one object on one frame: the model's low-resolution mask logits plus what
 * is needed to bring them to source size. Logits are kept small (M x M) so a matte costs little to
 * hold; {@link #logits()} upsamples on demand exactly as SAM 2 does (bilinear, align_corners=false).
 *
 * @param objectId    the object's stable id
 * @param frameIndex  0-based index in the frame source
 * @param maskSize    M: the logits are M x M
 * @param lowRes      M*M logits, row-major
 * @param width       source width in pixels
 * @param height      source height in pixels
 * @param presence    object-presence logit of the chosen mask (> 0: present)
 * @param pathway     which memory-tree pathway won on this frame (0 for plain SAM 2)
 * @param score       that pathway's cumulative score (0 for plain SAM 2)
 */
public record Matte(int objectId, int frameIndex, int maskSize, float[] lowRes, int width, int height,
                    float presence, int pathway, double score) {

    public Matte {
        if (lowRes.length != maskSize * maskSize) {
            throw new IllegalArgumentException("matte for object " + objectId + " frame " + frameIndex
                    + " has " + lowRes.length + " logits, expected " + maskSize + "x" + maskSize);
        }
    }

    /** Logits at source resolution (width x height, row-major); threshold at 0 for a binary matte. */
    public float[] logits() {
        return Resample.bilinear(lowRes, maskSize, maskSize, width, height);
    }

    /** Binary matte at source resolution: 1 inside the object, 0 outside. */
    public byte[] binary() {
        float[] full = logits();
        byte[] out = new byte[full.length];
        for (int i = 0; i < full.length; i++) {
            out[i] = (byte) (full[i] > 0 ? 1 : 0);
        }
        return out;
    }

    /** Number of source pixels inside the binary matte. */
    public long area() {
        long n = 0;
        for (byte b : binary()) {
            n += b;
        }
        return n;
    }
}
