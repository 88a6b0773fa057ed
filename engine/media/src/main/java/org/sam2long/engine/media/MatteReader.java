package org.sam2long.engine.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.OutputSettings;

/**
 * Reads back the alpha that a {@link MatteWriter} wrote, for previews, caches and checks: EXR
 * through {@link ExrReader}, PNG/TIFF through FFmpeg's decoders (not the OpenCV encoder that wrote
 * them). Not thread-safe.
 */
public final class MatteReader implements AutoCloseable {
    private final MatteWriter layout;
    private ImageDecoder decoder;

    /** Reads the files laid out by {@code layout} (same folder, settings and objects). */
    public MatteReader(MatteWriter layout) {
        this.layout = layout;
    }

    /** True when the object's matte for a source frame has been written. */
    public boolean exists(MatteObject object, int sourceFrameNumber) throws MatteWriteException {
        return Files.isRegularFile(fileOf(object, sourceFrameNumber));
    }

    /** Alpha (width x height, 0..1) of an object on a source frame; fails naming the file. */
    public float[] alpha(MatteObject object, int sourceFrameNumber) throws IOException {
        Path file = fileOf(object, sourceFrameNumber);
        OutputSettings s = layout.settings();
        if (s.format() == OutputSettings.MatteFormat.EXR_HALF || s.format() == OutputSettings.MatteFormat.EXR_FLOAT) {
            return ExrReader.read(file).channel(s.exrLayers() ? object.safeName() + ".A" : "A");
        }
        try {
            if (decoder == null) {
                decoder = new ImageDecoder();
            }
            AVFrame picture = decoder.decode(file);
            int alpha = s.channels() == OutputSettings.Channels.ALPHA ? 0 : 3;
            return PictureConverter.component(picture, alpha);
        } catch (FrameSourceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Path fileOf(MatteObject object, int sourceFrameNumber) throws MatteWriteException {
        return layout.settings().exrLayers() ? layout.layeredFile(sourceFrameNumber) : layout.file(object, sourceFrameNumber);
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
