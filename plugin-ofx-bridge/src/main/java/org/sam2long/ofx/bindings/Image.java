package org.sam2long.ofx.bindings;

import com.sun.jna.Pointer;

/**
 * An image fetched from a clip, released by {@link #close()}. Pixels are read and written one whole
 * row at a time as normalised floats; rows are addressed by the OFX pixel y (bottom-up).
 */
public final class Image implements AutoCloseable {
    private final ImageEffectSuite suite;
    private final PropertySet props;
    private final Pointer data;
    private final int[] bounds;
    private final int rowBytes;
    private final int channels;
    private final String depth;

    Image(ImageEffectSuite suite, PropertySet props) {
        this.suite = suite;
        this.props = props;
        this.data = new Pointer(props.getPointer(Ofx.IMAGE_DATA));
        this.bounds = props.getInts(Ofx.IMAGE_BOUNDS, 4);
        this.rowBytes = props.getInt(Ofx.IMAGE_ROW_BYTES);
        this.channels = Ofx.channels(props.getString(Ofx.COMPONENTS));
        this.depth = props.getString(Ofx.PIXEL_DEPTH);
        if (!depth.equals(Ofx.DEPTH_BYTE) && !depth.equals(Ofx.DEPTH_SHORT) && !depth.equals(Ofx.DEPTH_FLOAT)) {
            throw new OfxException(OfxStatus.ERR_UNSUPPORTED, "pixel depth " + depth + " is not supported");
        }
    }

    public PropertySet properties() { return props; }
    public int x1() { return bounds[0]; }
    public int y1() { return bounds[1]; }
    public int x2() { return bounds[2]; }
    public int y2() { return bounds[3]; }
    public int width() { return bounds[2] - bounds[0]; }
    public int height() { return bounds[3] - bounds[1]; }
    /** 4 for RGBA, 3 for RGB, 1 for Alpha. */
    public int channels() { return channels; }
    public String depth() { return depth; }

    /** Render scale of this image (x, y); 1 at full resolution. */
    public double[] renderScale() {
        return props.has(Ofx.RENDER_SCALE) ? props.getDoubles(Ofx.RENDER_SCALE, 2) : new double[] {1, 1};
    }

    /** Reads the whole row {@code y} into {@code dst} (width*channels floats, 0..1 for integer depths). */
    public void readRow(int y, float[] dst) { readSpan(y, x1(), width(), dst); }

    /** Writes the whole row {@code y} from {@code src} (width*channels floats; integer depths are clamped). */
    public void writeRow(int y, float[] src) { writeSpan(y, x1(), width(), src); }

    /** Reads {@code count} pixels of row {@code y} starting at pixel {@code x} into {@code dst}. */
    public void readSpan(int y, int x, int count, float[] dst) {
        int n = count * channels;
        long off = offset(y, x, count);
        switch (depth) {
            case Ofx.DEPTH_FLOAT -> data.read(off, dst, 0, n);
            case Ofx.DEPTH_BYTE -> {
                byte[] row = new byte[n];
                data.read(off, row, 0, n);
                for (int i = 0; i < n; i++) dst[i] = (row[i] & 0xff) / 255f;
            }
            default -> {
                short[] row = new short[n];
                data.read(off, row, 0, n);
                for (int i = 0; i < n; i++) dst[i] = (row[i] & 0xffff) / 65535f;
            }
        }
    }

    /** Writes {@code count} pixels of row {@code y} starting at pixel {@code x} from {@code src}. */
    public void writeSpan(int y, int x, int count, float[] src) {
        int n = count * channels;
        long off = offset(y, x, count);
        switch (depth) {
            case Ofx.DEPTH_FLOAT -> data.write(off, src, 0, n);
            case Ofx.DEPTH_BYTE -> {
                byte[] row = new byte[n];
                for (int i = 0; i < n; i++) row[i] = (byte) Math.round(clamp(src[i]) * 255f);
                data.write(off, row, 0, n);
            }
            default -> {
                short[] row = new short[n];
                for (int i = 0; i < n; i++) row[i] = (short) Math.round(clamp(src[i]) * 65535f);
                data.write(off, row, 0, n);
            }
        }
    }

    private long offset(int y, int x, int count) {
        if (y < bounds[1] || y >= bounds[3] || x < bounds[0] || x + count > bounds[2]) {
            throw new IndexOutOfBoundsException("pixels (" + x + ".." + (x + count - 1) + ", " + y
                    + ") are outside the image bounds " + java.util.Arrays.toString(bounds));
        }
        return (long) (y - bounds[1]) * rowBytes + (long) (x - bounds[0]) * channels * bytesPerChannel();
    }

    private int bytesPerChannel() {
        return switch (depth) {
            case Ofx.DEPTH_FLOAT -> 4;
            case Ofx.DEPTH_SHORT -> 2;
            default -> 1;
        };
    }

    private static float clamp(float v) { return v < 0 ? 0 : Math.min(v, 1); }

    @Override
    public void close() { suite.release(this); }
}
