package org.sam2long.ofx.effect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.ofx.overlay.MatteOutline;
import org.sam2long.ofx.track.ClickPreview;

/**
 * Instant feedback on a click, for one instance: the outline of the matte the object's prompt gives
 * on the clicked frame, before any tracking. The host's thread reads the frame and hands it over; the
 * preview (an encode on the first click on a frame, the decoder only after that) runs on the
 * instance's own worker thread, and the pen action waits for it up to {@link #WAIT_MILLIS} so a quick
 * preview shows in the host's own redraw after the click; a slower one asks the host to redraw when
 * it is done. Only the latest click is previewed (earlier ones still waiting are skipped), and every
 * request ends in exactly one redraw request, done or skipped. Outlines are kept per (object, frame)
 * with the prompt they show, and drawn only while that is still the object's prompt there.
 */
final class PreviewOutlines implements AutoCloseable {
    /** How long a pen action waits for its preview before leaving it to the worker. */
    static final long WAIT_MILLIS = 150;
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final ClickPreview preview;
    private final ExecutorService worker;
    private final Map<Key, Shown> shown = new ConcurrentHashMap<>();
    private final AtomicLong latest = new AtomicLong();
    private volatile boolean closed;

    private record Key(int object, int frame) {}

    /** An outline and the prompt (and settings) it was predicted from. */
    private record Shown(Prompt prompt, Object settings, double[] segments) {}

    PreviewOutlines(ClickPreview preview) {
        this.preview = preview;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sam2long-click-preview");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Previews {@code prompt} (0-based frame index) on host frame {@code frame}; {@code pixels} are that
     * frame, read on the host's thread. {@code redraw} is called once when the preview is done or
     * skipped (from the worker thread unless it finished within the wait).
     */
    void request(FrameSource clip, Frame pixels, Prompt prompt, int frame, InstanceSettings s, Runnable redraw) {
        long ticket = latest.incrementAndGet();
        Future<?> f;
        try {
            f = worker.submit(() -> run(ticket, clip, pixels, prompt, frame, s, redraw));
        } catch (RejectedExecutionException e) {
            return; // the instance is being destroyed
        }
        try {
            f.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the worker asks for a redraw when it is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by the task itself
        }
    }

    /** On the worker: previews unless a newer click came meanwhile, then asks for the one redraw. */
    private void run(long ticket, FrameSource clip, Frame pixels, Prompt prompt, int frame, InstanceSettings s, Runnable redraw) {
        try {
            if (ticket == latest.get() && !closed) {
                Matte m = preview.preview(new ClickPreview.Request(clip, pixels, prompt, s.tracking(), s.modelDir(),
                        s.modelName(), s.runtime()));
                shown.put(new Key(prompt.objectId(), frame), new Shown(prompt, settingsKey(s),
                        MatteOutline.segments(m.lowRes(), m.maskSize(), m.width(), m.height())));
            }
        } catch (RuntimeException e) {
            System.err.println("SAM2Long Roto: no click preview on frame " + frame + ": " + e.getMessage());
        } finally {
            if (!closed) {
                redraw.run();
            }
        }
    }

    /**
     * The preview outline (source pixels) of {@code object} on host frame {@code frame} if it shows
     * {@code current} (the object's prompt there now, null if none) with these settings, else null.
     */
    double[] outline(int object, int frame, Prompt current, InstanceSettings s) {
        Shown sh = shown.get(new Key(object, frame));
        if (sh == null || current == null || !sh.prompt().equals(current) || !sh.settings().equals(settingsKey(s))) {
            return null;
        }
        return sh.segments();
    }

    /** The clip changed: every kept outline and the kept embedding go. */
    void invalidate() {
        shown.clear();
        latest.incrementAndGet();
        if (!closed) {
            worker.execute(preview::invalidate);
        }
    }

    /** Stops the worker (waiting for a running preview) and lets the model session go; no redraw after this returns. */
    @Override
    public void close() {
        closed = true;
        latest.incrementAndGet();
        worker.shutdown();
        try {
            worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        preview.close();
        shown.clear();
    }

    /** What besides the prompt decides a preview: the model and the tracking and runtime settings. */
    private static Object settingsKey(InstanceSettings s) {
        return java.util.Arrays.asList(s.modelDir(), s.modelName(), s.tracking(), s.runtime());
    }
}
