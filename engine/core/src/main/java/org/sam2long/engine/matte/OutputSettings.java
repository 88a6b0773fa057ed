package org.sam2long.engine.matte;

/**
 * How mattes are written.
 *
 * @param format           file format and bit depth
 * @param channels         alpha only, or RGBA with the plate
 * @param exrLayers        EXR only: one file per frame with one layer per object instead of one file per object
 * @param filenameTemplate relative path with tokens {name} (object name), {id}, {frame} (padded), {ext}
 * @param framePadding     digits of {frame}
 * @param frameOffset      added to the source frame number (0 keeps the plate's numbering, e.g. 1001)
 */
public record OutputSettings(MatteFormat format, Channels channels, boolean exrLayers, String filenameTemplate,
                             int framePadding, int frameOffset) {

    public enum MatteFormat {
        EXR_HALF("exr"), EXR_FLOAT("exr"), PNG16("png"), TIFF16("tif"), PNG8("png");

        private final String extension;
        MatteFormat(String extension) { this.extension = extension; }
        public String extension() { return extension; }
    }

    public enum Channels { ALPHA, RGBA_PREMULTIPLIED, RGBA_STRAIGHT }

    public OutputSettings {
        if (format == null || channels == null) {
            throw new IllegalArgumentException("output.format and output.channels must be set");
        }
        if (filenameTemplate == null || !filenameTemplate.contains("{frame}")) {
            throw new IllegalArgumentException("output.filenameTemplate must contain {frame}, got " + filenameTemplate);
        }
        if (exrLayers && format != MatteFormat.EXR_HALF && format != MatteFormat.EXR_FLOAT) {
            throw new IllegalArgumentException("output.exrLayers needs an EXR format, got " + format);
        }
        if (framePadding < 1 || framePadding > 9) {
            throw new IllegalArgumentException("output.framePadding must be 1..9 digits, got " + framePadding);
        }
    }

    public static OutputSettings defaults() {
        return new OutputSettings(MatteFormat.PNG16, Channels.ALPHA, false, "{name}/{name}.{frame}.{ext}", 4, 0);
    }
}
