package org.sam2long.engine.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.matte.TemporalSmoother;
import org.sam2long.engine.matte.OutputSettings.Channels;

/**
 * The tracker's {@link MatteSink} for file output: each matte is cleaned up ({@link MatteCleanup}),
 * temporally smoothed ({@link TemporalSmoother}; mattes of one object should arrive in frame order,
 * forward or backward, or smoothing restarts at each jump), written ({@link MatteWriter}) and its
 * presence/score recorded for the {@link ConfidencePlot}. A sidecar per object sequence (one for
 * layered EXR) is written with the first frame (marked {@code "complete": false}) and again by
 * {@link #finish(boolean)}. Thread-safe (calls are serialised).
 *
 * <p>{@code source} gives frame numbers, the plate for RGBA output and previews; when the tracker
 * reads the same clip at the same time, give this class its own {@link FrameSources#open} instance
 * so the two do not seek each other's decoder back and forth.
 */
public final class MatteExport implements MatteSink {
    /** Files made by {@link #finish(boolean)}. */
    public record Summary(int mattesWritten, List<Path> sidecars, List<Path> previews, String movieCodec) {}

    /** Preview files, under the output folder. */
    public static final String PREVIEW_DIR = "previews";

    private final FrameSource source;
    private final MatteWriter writer;
    private final MatteCleanup cleanup;
    private final TemporalSmoother smoother;
    private final Map<String, Object> provenance;
    private final ConfidencePlot confidence = new ConfidencePlot();
    private final Map<Integer, MatteObject> objects = new LinkedHashMap<>();
    private final TreeMap<Integer, Map<Integer, AlphaMatte>> pendingLayers = new TreeMap<>();
    private final Map<Integer, TreeSet<Integer>> written = new HashMap<>();
    private int mattesWritten;

    /**
     * @param provenance what produced the mattes, copied into every sidecar: e.g. {@code engineVersion},
     *                   {@code model}, {@code preset} (opaque JSON-able value), {@code prompts}
     */
    public MatteExport(FrameSource source, MatteWriter writer, CleanupSettings cleanup, Map<String, Object> provenance) {
        this.source = source;
        this.writer = writer;
        this.cleanup = new MatteCleanup(cleanup);
        this.smoother = this.cleanup.newSmoother();
        this.provenance = new LinkedHashMap<>(provenance);
        for (MatteObject o : writer.objects()) {
            objects.put(o.id(), o);
        }
    }

    @Override
    public synchronized void accept(Matte matte) throws IOException, FrameSourceException {
        if (!objects.containsKey(matte.objectId())) {
            throw new IllegalArgumentException("matte for object " + matte.objectId() + ", which is not among the outputs " + objects.keySet());
        }
        if (matte.width() != source.width() || matte.height() != source.height()) {
            throw new IllegalArgumentException("matte of object " + matte.objectId() + " frame " + matte.frameIndex() + " is "
                    + matte.width() + "x" + matte.height() + " but " + source.describe() + " is " + source.width() + "x" + source.height());
        }
        confidence.add(matte.objectId(), outputFrame(matte.frameIndex()), matte.presence(), matte.score());
        for (AlphaMatte smoothed : smoother.push(cleanup.apply(matte))) {
            emit(smoothed);
        }
    }

    /**
     * Writes what smoothing still holds, completes every sidecar and, when asked, the previews
     * (contact sheet, movie, confidence plot) under {@value #PREVIEW_DIR}/.
     */
    public synchronized Summary finish(boolean previews) throws IOException, FrameSourceException {
        for (AlphaMatte smoothed : smoother.flush()) {
            emit(smoothed);
        }
        while (!pendingLayers.isEmpty()) {
            var entry = pendingLayers.pollFirstEntry();
            writeFrame(entry.getKey(), new ArrayList<>(entry.getValue().values()));
        }
        List<Path> sidecars = writeSidecars(true);
        List<Path> files = new ArrayList<>();
        String codec = null;
        if (previews) {
            Path dir = writer.outputDir().resolve(PREVIEW_DIR);
            List<MatteObject> list = writer.objects();
            try (MatteReader reader = new MatteReader(writer)) {
                Previews.contactSheet(dir.resolve("contact_sheet.png"), source, reader, writer, 12, 320);
                files.add(dir.resolve("contact_sheet.png"));
                codec = Previews.movie(dir.resolve("preview.mp4"), source, reader, list, 1280);
                files.add(dir.resolve("preview.mp4"));
            }
            confidence.write(dir.resolve("confidence.png"), list);
            files.add(dir.resolve("confidence.png"));
        }
        return new Summary(mattesWritten, sidecars, files, codec);
    }

    /** The confidence points collected so far. */
    public ConfidencePlot confidence() { return confidence; }

    private void emit(AlphaMatte m) throws IOException, FrameSourceException {
        if (!writer.settings().exrLayers()) {
            writeFrame(m.frameIndex(), List.of(m));
            return;
        }
        Map<Integer, AlphaMatte> frame = pendingLayers.computeIfAbsent(m.frameIndex(), k -> new HashMap<>());
        frame.put(m.objectId(), m);
        if (frame.size() == objects.size()) {
            pendingLayers.remove(m.frameIndex());
            writeFrame(m.frameIndex(), new ArrayList<>(frame.values()));
        }
    }

    private void writeFrame(int index, List<AlphaMatte> mattes) throws IOException, FrameSourceException {
        Frame plate = writer.settings().channels() == Channels.ALPHA ? null : source.read(index);
        writer.write(source.frameNumber(index), mattes, plate);
        boolean newSequence = false;
        for (AlphaMatte m : mattes) {
            TreeSet<Integer> frames = written.computeIfAbsent(sequenceKey(m.objectId()), k -> new TreeSet<>());
            newSequence |= frames.isEmpty();
            frames.add(outputFrame(index));
            mattesWritten++;
        }
        if (newSequence) {
            writeSidecars(false);
        }
    }

    /** Frames written are tracked per object, or once for all objects of a layered EXR. */
    private int sequenceKey(int objectId) {
        return writer.settings().exrLayers() ? Integer.MIN_VALUE : objectId;
    }

    private List<Path> writeSidecars(boolean complete) throws MatteWriteException {
        List<Path> paths = new ArrayList<>();
        boolean layered = writer.settings().exrLayers();
        for (MatteObject o : layered ? writer.objects().subList(0, 1) : writer.objects()) {
            TreeSet<Integer> frames = written.get(sequenceKey(o.id()));
            if (frames == null) {
                continue;
            }
            Map<String, Object> doc = sidecarHead(provenance, writer, o);
            doc.put("cleanup", cleanup.settings());
            doc.put("source", sourceInfo());
            doc.put("frames", Map.of("first", frames.first(), "last", frames.last(), "count", frames.size()));
            doc.put("complete", complete);
            Path file = Sidecar.pathFor(writer, o, source.frameNumber(0));
            Sidecar.write(file, doc);
            paths.add(file);
        }
        return paths;
    }

    /**
     * The part of a sequence's sidecar that names what it holds: the run's provenance, the object
     * (or every layer of a multi-layer file) and the output settings. Shared by every writer of
     * sidecars, so one format describes the files whoever rewrites them.
     */
    public static Map<String, Object> sidecarHead(Map<String, Object> provenance, MatteWriter writer, MatteObject o) {
        Map<String, Object> doc = new LinkedHashMap<>(provenance);
        if (writer.settings().exrLayers()) {
            List<Map<String, Object>> layers = new ArrayList<>();
            for (MatteObject each : writer.objects()) {
                layers.add(Map.of("id", each.id(), "name", each.name(), "layer", each.safeName()));
            }
            doc.put("layers", layers);
        } else {
            doc.put("object", Map.of("id", o.id(), "name", o.name()));
        }
        doc.put("output", writer.settings());
        return doc;
    }

    private Map<String, Object> sourceInfo() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("describe", source.describe());
        s.put("width", source.width());
        s.put("height", source.height());
        s.put("frames", source.frameCount());
        s.put("firstFrame", source.frameNumber(0));
        s.put("frameRate", source.frameRate());
        FrameSource inner = source instanceof PrefetchingFrameSource p ? p.source() : source;
        if (inner instanceof VideoFrameSource v) {
            s.put("video", v.metadata());
        }
        return s;
    }

    private int outputFrame(int index) {
        return writer.outputFrame(source.frameNumber(index));
    }
}
