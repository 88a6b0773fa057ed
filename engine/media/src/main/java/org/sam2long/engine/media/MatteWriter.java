package org.sam2long.engine.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.OutputSettings.Channels;
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.matte.OutputSettings;

/**
 * Writes cleaned-up mattes as files, one call per frame, every file atomically ({@link AtomicFiles}).
 * <ul>
 *   <li>Output frame number = the source's frame number + {@code frameOffset} (1001 stays 1001).</li>
 *   <li>One file per object and frame, named by the template; or, with {@code exrLayers}, one EXR per
 *       frame with a layer per object ({@code hero.A}, or {@code hero.R/G/B/A}), named by the template
 *       with {@code {name}} = {@value #LAYERED_NAME} and {@code {id}} = 0; an object without a matte on
 *       that frame gets an empty layer.</li>
 *   <li>ALPHA: EXR channel {@code A}, or a one-channel PNG/TIFF. RGBA: the plate plus the matte as
 *       alpha, premultiplied or straight. EXR colour is linear (the plate's sRGB decoded,
 *       {@link Srgb}); PNG/TIFF colour stays sRGB code values, premultiplied in that encoding.</li>
 *   <li>16-bit integers hold round(alpha x 65535), 8-bit round(alpha x 255); EXR is ZIP compressed.</li>
 * </ul>
 */
public final class MatteWriter {
    /** {@code {name}} in the file name of a layered EXR. */
    public static final String LAYERED_NAME = "mattes";

    private final Path outputDir;
    private final OutputSettings settings;
    private final Map<Integer, MatteObject> objects = new LinkedHashMap<>();

    /** Fails when there are no objects or two would share file or layer names. */
    public MatteWriter(Path outputDir, OutputSettings settings, List<MatteObject> objects) {
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("no objects to write mattes for");
        }
        this.outputDir = outputDir;
        this.settings = settings;
        Map<String, MatteObject> byName = new HashMap<>();
        boolean namesMatter = settings.exrLayers() || !settings.filenameTemplate().contains("{id}");
        for (MatteObject o : objects) {
            MatteObject clash = byName.put(o.safeName(), o);
            if (this.objects.put(o.id(), o) != null) {
                throw new IllegalArgumentException("object id " + o.id() + " is given twice");
            }
            if (clash != null && namesMatter) {
                throw new IllegalArgumentException("objects " + clash.id() + " '" + clash.name() + "' and " + o.id() + " '"
                        + o.name() + "' would write to the same " + (settings.exrLayers() ? "layer" : "files")
                        + " (" + o.safeName() + "); rename one or put {id} in the file name template");
            }
        }
    }

    public OutputSettings settings() { return settings; }

    public Path outputDir() { return outputDir; }

    /** The objects, in the order given. */
    public List<MatteObject> objects() { return List.copyOf(objects.values()); }

    /** The frame number written for a source frame number. */
    public int outputFrame(int sourceFrameNumber) {
        return sourceFrameNumber + settings.frameOffset();
    }

    /** The file an object's matte goes to on a source frame (per-object layout). */
    public Path file(MatteObject object, int sourceFrameNumber) throws MatteWriteException {
        return FilenameTemplate.expand(outputDir, settings, object.safeName(), object.id(), outputFrame(sourceFrameNumber));
    }

    /** The file of a frame in the layered EXR layout. */
    public Path layeredFile(int sourceFrameNumber) throws MatteWriteException {
        return FilenameTemplate.expand(outputDir, settings, LAYERED_NAME, 0, outputFrame(sourceFrameNumber));
    }

    /**
     * Writes the mattes of one frame (any subset of the objects); {@code plate} is needed for RGBA
     * output and ignored otherwise. Returns the files written.
     */
    public List<Path> write(int sourceFrameNumber, List<AlphaMatte> mattes, Frame plate) throws MatteWriteException {
        if (settings.channels() != Channels.ALPHA && plate == null) {
            throw new IllegalArgumentException("RGBA output needs the plate of frame " + sourceFrameNumber);
        }
        for (AlphaMatte m : mattes) {
            if (!objects.containsKey(m.objectId())) {
                throw new IllegalArgumentException("matte for unknown object id " + m.objectId() + "; known: " + objects.keySet());
            }
            if (plate != null && (m.width() != plate.width() || m.height() != plate.height())) {
                throw new IllegalArgumentException("matte of object " + m.objectId() + " is " + m.width() + "x" + m.height()
                        + " but the plate is " + plate.width() + "x" + plate.height());
            }
        }
        List<Path> written = new ArrayList<>();
        if (settings.exrLayers()) {
            Path file = layeredFile(sourceFrameNumber);
            AtomicFiles.write(file, layered(mattes, plate, outputFrame(sourceFrameNumber)));
            written.add(file);
            return written;
        }
        for (AlphaMatte m : mattes) {
            MatteObject o = objects.get(m.objectId());
            Path file = file(o, sourceFrameNumber);
            AtomicFiles.write(file, single(m, o, plate, outputFrame(sourceFrameNumber)));
            written.add(file);
        }
        return written;
    }

    private byte[] single(AlphaMatte m, MatteObject o, Frame plate, int frame) {
        MatteFormat f = settings.format();
        if (f == MatteFormat.EXR_HALF || f == MatteFormat.EXR_FLOAT) {
            List<ExrWriter.Channel> ch = exrChannels("", m.alpha(), plate);
            return ExrWriter.encode(m.width(), m.height(), ch, pixelType(), ExrWriter.Compression.ZIP, comments(o, frame));
        }
        String ext = "." + f.extension();
        boolean rgba = settings.channels() != Channels.ALPHA;
        int n = m.width() * m.height();
        int channels = rgba ? 4 : 1;
        float[] a = m.alpha();
        if (f == MatteFormat.PNG8) {
            byte[] s = new byte[n * channels];
            for (int i = 0; i < n; i++) {
                float alpha = clamp(a[i]);
                if (rgba) {
                    for (int c = 0; c < 3; c++) {
                        s[i * 4 + c] = (byte) Math.round(colour(plate, i, c, alpha, false) * 255);
                    }
                    s[i * 4 + 3] = (byte) Math.round(alpha * 255);
                } else {
                    s[i] = (byte) Math.round(alpha * 255);
                }
            }
            return ImageEncoder.encode8(ext, m.width(), m.height(), channels, s);
        }
        short[] s = new short[n * channels];
        for (int i = 0; i < n; i++) {
            float alpha = clamp(a[i]);
            if (rgba) {
                for (int c = 0; c < 3; c++) {
                    s[i * 4 + c] = (short) Math.round(colour(plate, i, c, alpha, false) * 65535);
                }
                s[i * 4 + 3] = (short) Math.round(alpha * 65535);
            } else {
                s[i] = (short) Math.round(alpha * 65535);
            }
        }
        return ImageEncoder.encode16(ext, m.width(), m.height(), channels, s);
    }

    private byte[] layered(List<AlphaMatte> mattes, Frame plate, int frame) {
        Map<Integer, AlphaMatte> byId = new HashMap<>();
        int w = plate != null ? plate.width() : -1;
        int h = plate != null ? plate.height() : -1;
        for (AlphaMatte m : mattes) {
            byId.put(m.objectId(), m);
            w = m.width();
            h = m.height();
        }
        if (w < 0) {
            throw new IllegalArgumentException("a layered EXR frame needs at least one matte or the plate to know its size");
        }
        List<ExrWriter.Channel> channels = new ArrayList<>();
        for (MatteObject o : objects.values()) {
            AlphaMatte m = byId.get(o.id());
            channels.addAll(exrChannels(o.safeName() + ".", m != null ? m.alpha() : new float[w * h], plate));
        }
        Map<String, String> comments = new LinkedHashMap<>();
        comments.put("sam2long.frame", Integer.toString(frame));
        StringBuilder layers = new StringBuilder();
        for (MatteObject o : objects.values()) {
            layers.append(layers.length() == 0 ? "" : ",").append(o.id()).append('=').append(o.safeName());
        }
        comments.put("sam2long.layers", layers.toString());
        return ExrWriter.encode(w, h, channels, pixelType(), ExrWriter.Compression.ZIP, comments);
    }

    private List<ExrWriter.Channel> exrChannels(String prefix, float[] alpha, Frame plate) {
        List<ExrWriter.Channel> ch = new ArrayList<>();
        float[] a = new float[alpha.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = clamp(alpha[i]);
        }
        ch.add(new ExrWriter.Channel(prefix + "A", a));
        if (settings.channels() != Channels.ALPHA) {
            String[] names = {"R", "G", "B"};
            for (int c = 0; c < 3; c++) {
                float[] v = new float[a.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = colour(plate, i, c, a[i], true);
                }
                ch.add(new ExrWriter.Channel(prefix + names[c], v));
            }
        }
        return ch;
    }

    /** Channel c of plate pixel i (linear when asked), multiplied by alpha when premultiplied. */
    private float colour(Frame plate, int i, int c, float alpha, boolean linear) {
        int code = plate.rgb()[i * 3 + c] & 0xff;
        float v = linear ? Srgb.decode8(code) : code / 255f;
        return settings.channels() == Channels.RGBA_PREMULTIPLIED ? v * alpha : v;
    }

    private ExrWriter.PixelType pixelType() {
        return settings.format() == MatteFormat.EXR_HALF ? ExrWriter.PixelType.HALF : ExrWriter.PixelType.FLOAT;
    }

    private static Map<String, String> comments(MatteObject o, int frame) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sam2long.object", o.name());
        c.put("sam2long.objectId", Integer.toString(o.id()));
        c.put("sam2long.frame", Integer.toString(frame));
        return c;
    }

    private static float clamp(float a) {
        return a > 0 ? (a < 1 ? a : 1f) : 0f;
    }
}
