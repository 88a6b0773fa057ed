package org.sam2long.ofx.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;

/**
 * Temporary tracker used until the engine's TrackingSession exists: the colour under an object's
 * first positive click (or box centre) is keyed on every frame in the run's direction, into 64x64
 * low-resolution logits like the model's. Deterministic, so the plug-in path can be tested end to end.
 */
final class StandInTracker {
    static final int MASK_SIZE = 64;
    private static final double TOLERANCE = 60;

    TrackSummary track(TrackRequest request, MatteSink sink, TrackListener listener) throws Exception {
        FrameSource frames = request.frames();
        Map<Integer, List<Prompt>> byObject = new LinkedHashMap<>();
        for (Prompt p : request.prompts()) {
            byObject.computeIfAbsent(p.objectId(), k -> new ArrayList<>()).add(p);
        }
        List<int[]> work = new ArrayList<>(); // {object, frame}
        Map<Integer, int[]> keys = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Prompt>> e : byObject.entrySet()) {
            Prompt first = e.getValue().stream().min(Comparator.comparingInt(Prompt::frameIndex)).orElseThrow();
            keys.put(e.getKey(), keyColour(frames.read(first.frameIndex()), first));
            for (int f : frameOrder(request.tracking().direction(), first.frameIndex(), frames.frameCount())) {
                work.add(new int[] {e.getKey(), f});
            }
        }
        int done = 0;
        for (int[] job : work) {
            Frame frame = frames.read(job[1]);
            sink.accept(matte(job[0], frame, keys.get(job[0])));
            done++;
            if (!listener.progress(done, work.size())) {
                return new TrackSummary(done, true);
            }
        }
        return new TrackSummary(done, false);
    }

    private static List<Integer> frameOrder(Direction d, int start, int count) {
        List<Integer> order = new ArrayList<>();
        if (d != Direction.BACKWARD) {
            for (int f = start; f < count; f++) order.add(f);
        }
        if (d != Direction.FORWARD) {
            for (int f = start - (d == Direction.BOTH ? 1 : 0); f >= 0; f--) order.add(f);
        }
        return order;
    }

    private static int[] keyColour(Frame f, Prompt p) {
        double x, y;
        Prompt.Click click = p.clicks().stream().filter(Prompt.Click::positive).findFirst().orElse(null);
        if (click != null) {
            x = click.x();
            y = click.y();
        } else if (p.box() != null) {
            x = (p.box().x0() + p.box().x1()) / 2;
            y = (p.box().y0() + p.box().y1()) / 2;
        } else {
            throw new IllegalArgumentException("object " + p.objectId() + " needs a positive click or a box on frame "
                    + p.frameIndex() + " to be tracked");
        }
        int px = (int) Math.max(0, Math.min(f.width() - 1, Math.floor(x)));
        int py = (int) Math.max(0, Math.min(f.height() - 1, Math.floor(y)));
        return new int[] {f.red(px, py), f.green(px, py), f.blue(px, py)};
    }

    private static Matte matte(int object, Frame f, int[] key) {
        float[] logits = new float[MASK_SIZE * MASK_SIZE];
        for (int j = 0; j < MASK_SIZE; j++) {
            int y = Math.min(f.height() - 1, (int) ((j + 0.5) * f.height() / MASK_SIZE));
            for (int i = 0; i < MASK_SIZE; i++) {
                int x = Math.min(f.width() - 1, (int) ((i + 0.5) * f.width() / MASK_SIZE));
                double dr = f.red(x, y) - key[0], dg = f.green(x, y) - key[1], db = f.blue(x, y) - key[2];
                double dist = Math.sqrt(dr * dr + dg * dg + db * db);
                logits[j * MASK_SIZE + i] = (float) (8 * (1 - dist / TOLERANCE));
            }
        }
        return new Matte(object, f.index(), MASK_SIZE, logits, f.width(), f.height(), 1f, 0, 0);
    }
}
