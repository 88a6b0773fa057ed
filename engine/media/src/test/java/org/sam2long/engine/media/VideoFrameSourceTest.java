package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P12LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sam2long.engine.frame.Frame;

class VideoFrameSourceTest {
    private static final int FRAMES = 40;

    @TempDir
    Path dir;

    static Stream<Arguments> clips() {
        Consumer<FFmpegFrameRecorder> none = r -> {};
        Consumer<FFmpegFrameRecorder> bframes = r -> {
            r.setGopSize(12);
            r.setMaxBFrames(2);
            r.setVideoQuality(2);
        };
        return Stream.of(
                Arguments.of("h264.mp4", "mp4", "libopenh264", -1, (Consumer<FFmpegFrameRecorder>) r -> r.setGopSize(12)),
                Arguments.of("mpeg4-bframes.mp4", "mp4", "mpeg4", -1, bframes),
                Arguments.of("ffv1-10bit.mkv", "matroska", "ffv1", AV_PIX_FMT_YUV420P10LE, none),
                Arguments.of("ffv1-12bit.mkv", "matroska", "ffv1", AV_PIX_FMT_YUV444P12LE, none),
                Arguments.of("vp9.webm", "webm", "libvpx-vp9", -1, (Consumer<FFmpegFrameRecorder>) r -> {
                    r.setGopSize(12);
                    r.setVideoOption("deadline", "realtime");
                    r.setVideoOption("cpu-used", "8");
                    r.setVideoOption("crf", "10");
                }),
                Arguments.of("prores-10bit.mov", "mov", "prores_ks", AV_PIX_FMT_YUV422P10LE, none),
                Arguments.of("mjpeg.avi", "avi", "mjpeg", AV_PIX_FMT_YUVJ420P, (Consumer<FFmpegFrameRecorder>) r -> r.setVideoQuality(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void decodesEveryFrameInOrderWithColoursAndSeeksExactly(String name, String format, String codec, int pixFmt,
                                                           Consumer<FFmpegFrameRecorder> tweak) throws Exception {
        Path file = TestClips.write(dir.resolve(name), format, codec, pixFmt, FRAMES, 24, null, tweak);
        try (VideoFrameSource src = VideoFrameSource.open(file)) {
            assertEquals(FRAMES, src.frameCount(), src.describe());
            assertEquals(TestClips.W, src.width());
            assertEquals(TestClips.H, src.height());
            assertEquals(24.0, src.frameRate(), 0.01);
            assertFalse(src.variableFrameRate(), src.describe());
            for (int i = 0; i < FRAMES; i++) {
                Frame f = src.read(i);
                assertEquals(i, f.index());
                assertEquals(i, TestClips.indexShown(f), "sequential read of frame " + i + " in " + name);
            }
            Frame known = src.read(17);
            TestClips.assertColour(known, 21, 48, TestClips.RED, 12);
            TestClips.assertColour(known, 64, 48, TestClips.GREEN, 12);
            TestClips.assertColour(known, 107, 48, TestClips.BLUE, 12);
            TestClips.assertColour(known, 64, 80, new int[] {128, 128, 128}, 6);
            Random random = new Random(7);
            for (int n = 0; n < 25; n++) {
                int i = random.nextInt(FRAMES);
                assertEquals(i, TestClips.indexShown(src.read(i)), "random seek to frame " + i + " in " + name);
            }
            for (int i = FRAMES - 1; i >= 0; i--) {
                assertEquals(i, TestClips.indexShown(src.read(i)), "backward read of frame " + i + " in " + name);
            }
        }
    }

    @Test
    void appliesRotationMetadataTheWayFfmpegDisplaysIt() throws Exception {
        Path file = TestClips.write(dir.resolve("rotated.mp4"), "mp4", "mpeg4", -1, 5, 25, null, r -> {
            r.setVideoQuality(2);
            r.setDisplayRotation(90);
        });
        double counterClockwise;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            counterClockwise = g.getDisplayRotation();
            g.stop();
        }
        // FFmpeg reads this file's display matrix as a 90 degree counter-clockwise turn (what ffprobe
        // prints as "rotation of 90.00 degrees"); upright means the coded picture turned 270 clockwise.
        assertEquals(90.0, counterClockwise, 0.01);
        try (VideoFrameSource src = VideoFrameSource.open(file)) {
            assertEquals(270, src.rotation());
            assertEquals(TestClips.H, src.width());
            assertEquals(TestClips.W, src.height());
            Frame f = src.read(3);
            // turned counter-clockwise: the left-hand red patch is now at the bottom, the right-hand blue one on top
            TestClips.assertColour(f, 48, TestClips.W - 1 - 21, TestClips.RED, 12);
            TestClips.assertColour(f, 48, TestClips.W - 1 - 107, TestClips.BLUE, 12);
            assertEquals(3, TestClips.indexShown(Rotation.rotate(f, 90)));
            assertTrue(src.describe().contains("rotated 270"), src.describe());
        }
    }

    @Test
    void reportsVariableFrameRate() throws Exception {
        int[] slots = {0, 1, 2, 4, 5, 8, 9, 10, 14, 15};
        Path file = TestClips.write(dir.resolve("vfr.mkv"), "matroska", "mpeg4", -1, slots.length, 30, slots,
                r -> r.setVideoQuality(2));
        try (VideoFrameSource src = VideoFrameSource.open(file)) {
            assertEquals(slots.length, src.frameCount());
            assertTrue(src.variableFrameRate(), src.describe());
            assertTrue(src.describe().contains("variable frame rate"), src.describe());
            assertEquals(15 / 30.0, src.timeOf(9), 0.002);
            assertEquals(9 / (15 / 30.0), src.averageFrameRate(), 0.05);
            assertEquals(Boolean.TRUE, src.metadata().get("variableFrameRate"));
            for (int i = slots.length - 1; i >= 0; i--) {
                assertEquals(i, TestClips.indexShown(src.read(i)));
            }
        }
    }
}
