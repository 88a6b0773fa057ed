package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Property: after any sequence of prompt edits, each followed by a track, the sink holds exactly
 * what a fresh session with the same final prompts gives (the oracle is that fresh run, which
 * never saw the edits). Also counts the frames each edit re-computed.
 */
class EditsEqualFreshTrackTest {
    private static final int FRAMES = 40;
    private final SyntheticClip clip = new SyntheticClip(FRAMES);

    /** A sink that applies discards, as a matte cache or an output folder does. */
    static final class Store implements MatteSink {
        final Map<Long, Matte> mattes = new TreeMap<>();

        @Override
        public void accept(Matte m) {
            mattes.put(key(m.objectId(), m.frameIndex()), m);
        }

        @Override
        public void discard(int objectId, int frameIndex) {
            if (mattes.remove(key(objectId, frameIndex)) == null) {
                throw new IllegalStateException("discard of a matte never emitted: " + objectId + "/" + frameIndex);
            }
        }

        static long key(int o, int f) {
            return ((long) o << 32) | f;
        }
    }

    private Prompt randomPrompt(Random rnd, int object, int frame) {
        double[] c = object == SyntheticClip.DISC ? clip.discCentre(frame) : clip.squareCentre(frame);
        if (object == 3) {
            c = new double[] {20 + rnd.nextInt(40), 20 + rnd.nextInt(40)};
        }
        double x = Math.min(clip.width() - 1, Math.max(0, c[0] + rnd.nextInt(7) - 3));
        double y = Math.min(clip.height() - 1, Math.max(0, c[1] + rnd.nextInt(7) - 3));
        if (rnd.nextInt(4) == 0) {
            return Prompt.box(object, frame, new Prompt.Box(Math.max(0, x - 20), Math.max(0, y - 20),
                    Math.min(clip.width() - 1, x + 20), Math.min(clip.height() - 1, y + 20)));
        }
        List<Prompt.Click> clicks = new ArrayList<>(List.of(Prompt.Click.positive(x, y)));
        if (rnd.nextBoolean()) {
            clicks.add(Prompt.Click.negative(Math.max(0, x - 40), y));
        }
        return new Prompt(object, frame, clicks, null, null);
    }

    private static void assertSame(Store expected, Store actual, String what) {
        assertEquals(expected.mattes.keySet(), actual.mattes.keySet(), what + ": the same (object, frame) mattes");
        for (Map.Entry<Long, Matte> e : expected.mattes.entrySet()) {
            Matte a = actual.mattes.get(e.getKey());
            assertTrue(Arrays.equals(e.getValue().lowRes(), a.lowRes()), what + ": bit-identical logits of object "
                    + (e.getKey() >> 32) + " on frame " + (e.getKey() & 0xffffffffL));
            assertEquals(e.getValue().presence(), a.presence(), what);
        }
    }

    @Test
    void randomEditSequencesEqualAFreshTrack() {
        Random rnd = new Random(20261201);
        Direction[] directions = Direction.values();
        TreeSettings[] trees = {TreeSettings.sam2Baseline(), TreeSettings.paper()};
        int sequences = 9;
        long recomputed = 0;
        long fullTrack = 0;
        for (int seq = 0; seq < sequences; seq++) {
            Direction d = directions[seq % 3];
            TreeSettings tree = trees[(seq / 3) % 2];
            int objects = 1 + rnd.nextInt(3);
            Store store = new Store();
            StringBuilder log = new StringBuilder(d + " P=" + tree.pathways() + " objects " + objects + ":");
            try (TrackingSession s = TrackFixture.session(clip, d, tree)) {
                for (int o = 1; o <= objects; o++) {
                    s.setPrompt(randomPrompt(rnd, o, rnd.nextInt(FRAMES)));
                }
                s.track(store, Progress.none(), CancelToken.none());
                for (int edit = 0; edit < 3; edit++) {
                    int o = 1 + rnd.nextInt(objects);
                    int kind = rnd.nextInt(4);
                    List<Integer> have = s.objectIds().contains(o)
                            ? s.prompts(o).stream().map(Prompt::frameIndex).toList() : List.of();
                    if (kind == 0 || have.isEmpty()) {
                        Prompt p = randomPrompt(rnd, o, rnd.nextInt(FRAMES));
                        s.addPrompt(p);
                        log.append(" add ").append(o).append('@').append(p.frameIndex());
                    } else if (kind == 1) {
                        int f = have.get(rnd.nextInt(have.size()));
                        s.setPrompt(randomPrompt(rnd, o, f));
                        log.append(" replace ").append(o).append('@').append(f);
                    } else {
                        int f = have.get(rnd.nextInt(have.size()));
                        s.clearPrompts(o, f);
                        log.append(" clear ").append(o).append('@').append(f);
                    }
                    if (s.objectIds().isEmpty()) {
                        s.setPrompt(randomPrompt(rnd, o, rnd.nextInt(FRAMES)));
                        log.append(" add-back ").append(o);
                    }
                    TrackingReport r = s.track(store, Progress.none(), CancelToken.none());
                    recomputed += r.frameSteps();
                    log.append(" (").append(r.frameSteps()).append(" frames)");
                }
                Store expected = new Store();
                try (TrackingSession fresh = TrackFixture.session(clip, d, tree)) {
                    for (int o : s.objectIds()) {
                        s.prompts(o).forEach(fresh::setPrompt);
                    }
                    fullTrack += 3L * fresh.track(expected, Progress.none(), CancelToken.none()).frameSteps();
                }
                System.out.println(log);
                assertSame(expected, store, log.toString());
            }
        }
        System.out.printf("edits re-computed %d frame steps; a fresh track of everything after each edit: %d%n",
                recomputed, fullTrack);
    }

    @Test
    void editingOneObjectLeavesTheOthersAlone() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.BOTH, TreeSettings.paper())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 10));
            s.setPrompt(TrackFixture.clickOnSquare(clip, 20));
            Store store = new Store();
            s.track(store, Progress.none(), CancelToken.none());
            TrackFixture.Collect again = new TrackFixture.Collect();
            s.setPrompt(TrackFixture.clickOnDisc(clip, 30));
            s.track(again, Progress.none(), CancelToken.none());
            assertEquals(FRAMES, again.object(SyntheticClip.DISC).size());
            assertEquals(0, again.object(SyntheticClip.SQUARE).size(), "the square was not re-tracked");
            TrackingReport none = s.track(again, Progress.none(), CancelToken.none());
            assertEquals(0, none.frameSteps(), "nothing changed, nothing re-computed");
        }
    }

    @Test
    void clearingAPromptWithDirectionBothLeavesNoStaleMatte() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 5));
            s.setPrompt(TrackFixture.clickOnDisc(clip, 25));
            Store store = new Store();
            s.track(store, Progress.none(), CancelToken.none());
            assertEquals(FRAMES - 5, store.mattes.size());
            s.clearPrompts(SyntheticClip.DISC, 5);
            TrackingReport r = s.track(store, Progress.none(), CancelToken.none());
            assertEquals(20, r.discarded(), "frames 5-24 are no longer produced going forward from 25");
            assertEquals(FRAMES - 25, store.mattes.size());
            s.removeObject(SyntheticClip.DISC);
            s.track(store, Progress.none(), CancelToken.none());
            assertTrue(store.mattes.isEmpty(), "a removed object's mattes are discarded");
        }
    }
}
