package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

class PrefetchingFrameSourceTest {
    @TempDir
    Path dir;

    /** An in-memory clip that counts reads and fails on one index. */
    static final class CountingSource implements FrameSource {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        final int frames;
        final int failAt;

        CountingSource(int frames, int failAt) {
            this.frames = frames;
            this.failAt = failAt;
        }

        @Override public int frameCount() { return frames; }
        @Override public int width() { return 2; }
        @Override public int height() { return 1; }
        @Override public double frameRate() { return 24; }
        @Override public int frameNumber(int index) { return 1001 + index; }

        @Override
        public Frame read(int index) throws FrameSourceException {
            reads.incrementAndGet();
            if (index == failAt) {
                throw new FrameSourceException("clip: frame " + index + " is broken.");
            }
            return new Frame(index, 2, 1, new byte[] {(byte) index, 0, 0, 0, 0, 0});
        }

        @Override public void close() { closed.set(true); }
    }

    @Test
    void readsARealClipForwardBackwardAndAtRandom() throws Exception {
        Path file = TestClips.write(dir.resolve("c.mp4"), "mp4", "mpeg4", -1, 30, 24, null, r -> {
            r.setGopSize(8);
            r.setMaxBFrames(2);
            r.setVideoQuality(3);
        });
        try (PrefetchingFrameSource src = new PrefetchingFrameSource(VideoFrameSource.open(file), 4)) {
            assertEquals(30, src.frameCount());
            for (int i = 0; i < 30; i++) {
                assertEquals(i, TestClips.indexShown(src.read(i)));
            }
            for (int i = 29; i >= 0; i--) {
                assertEquals(i, TestClips.indexShown(src.read(i)));
            }
            Random r = new Random(3);
            for (int k = 0; k < 20; k++) {
                int i = r.nextInt(30);
                assertEquals(i, TestClips.indexShown(src.read(i)));
            }
        }
    }

    @Test
    void decodesAheadButNeverMoreThanTheQueueHolds() throws Exception {
        CountingSource clip = new CountingSource(1000, -1);
        try (PrefetchingFrameSource src = new PrefetchingFrameSource(clip, 6)) {
            assertEquals(1001, src.frameNumber(0));
            src.read(0);
            Thread.sleep(300);
            int ahead = clip.reads.get();
            assertTrue(ahead >= 6 && ahead <= 1 + 6 + 1, "read " + ahead + " frames after one request");
            for (int i = 1; i < 1000; i++) {
                assertEquals((byte) i, src.read(i).rgb()[0]);
            }
            assertTrue(clip.reads.get() <= 1000 + 6 + 1, "no frame decoded twice going forward: " + clip.reads.get());
        }
        assertTrue(clip.closed.get(), "closing the wrapper closes the source");
    }

    @Test
    void followsABackwardPass() throws Exception {
        CountingSource clip = new CountingSource(500, -1);
        try (PrefetchingFrameSource src = new PrefetchingFrameSource(clip, 4)) {
            src.startAt(499, false);
            for (int i = 499; i >= 0; i--) {
                assertEquals((byte) i, src.read(i).rgb()[0]);
            }
            assertTrue(clip.reads.get() <= 500 + 4 + 1, "backward pass decoded " + clip.reads.get() + " frames");
        }
    }

    @Test
    void aBrokenFrameFailsOnlyItsOwnRead() throws Exception {
        try (PrefetchingFrameSource src = new PrefetchingFrameSource(new CountingSource(20, 5), 3)) {
            for (int i = 0; i < 5; i++) {
                src.read(i);
            }
            assertEquals("clip: frame 5 is broken.", assertThrows(FrameSourceException.class, () -> src.read(5)).getMessage());
            assertEquals((byte) 6, src.read(6).rgb()[0]);
            assertThrows(FrameSourceException.class, () -> src.read(20));
        }
    }
}
