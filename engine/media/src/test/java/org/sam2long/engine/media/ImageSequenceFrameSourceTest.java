package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

class ImageSequenceFrameSourceTest {
    private static final int W = 40;
    private static final int H = 24;

    @TempDir
    Path dir;

    @Test
    void png8SequenceKeepsFrameNumbersAndExactPixels() throws Exception {
        for (int f = 1001; f <= 1005; f++) {
            TestImages.write8(dir.resolve(String.format("plate.%04d.png", f)), W, H, f);
        }
        try (FrameSource src = FrameSources.open(dir.resolve("plate.####.png").toString())) {
            assertEquals(5, src.frameCount());
            assertEquals(W, src.width());
            assertEquals(H, src.height());
            assertEquals(1001, src.frameNumber(0));
            assertEquals(1005, src.frameNumber(4));
            Frame f = src.read(2);
            for (int y = 0; y < H; y += 5) {
                for (int x = 0; x < W; x += 3) {
                    int[] c = TestImages.rgb16(1003, x, y);
                    assertEquals(c[0] >> 8, f.red(x, y));
                    assertEquals(c[1] >> 8, f.green(x, y));
                    assertEquals(c[2] >> 8, f.blue(x, y));
                }
            }
        }
    }

    @Test
    void sixteenBitPngAndTiffRoundToNearest8Bit() throws Exception {
        for (String ext : new String[] {"png", "tif"}) {
            for (int f = 7; f <= 8; f++) {
                TestImages.write16(dir.resolve(String.format("deep_%s.%d.%s", ext, f, ext)), W, H, f);
            }
            try (FrameSource src = FrameSources.open(dir.resolve("deep_" + ext + ".%d." + ext).toString())) {
                assertEquals(7, src.frameNumber(0));
                assertPixelsNear(src.read(1), 8, 1, false);
            }
        }
    }

    @Test
    void exrHalfAndFloatGoThroughTheSrgbDisplayTransform() throws Exception {
        for (ExrWriter.PixelType type : ExrWriter.PixelType.values()) {
            String name = "lin_" + type.name().toLowerCase() + ".$F4.exr";
            for (int f = 1001; f <= 1002; f++) {
                TestImages.writeExr(dir.resolve(name.replace("$F4", String.valueOf(f))), W, H, f, type);
            }
            try (FrameSource src = FrameSources.open(dir.resolve(name).toString())) {
                assertEquals(2, src.frameCount());
                assertPixelsNear(src.read(1), 1002, 1, true);
            }
        }
    }

    @Test
    void jpegAndDpxAreRead() throws Exception {
        for (int f = 1; f <= 2; f++) {
            TestImages.write8(dir.resolve("photo." + f + ".jpg"), W, H, f);
        }
        try (FrameSource src = FrameSources.open(dir.resolve("photo.1.jpg").toString())) {
            assertEquals(2, src.frameCount());
            assertEquals(W, src.read(0).width());
        }
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(dir.resolve("scan.%04d.dpx").toString(), TestClips.W, TestClips.H, 0)) {
            r.setFormat("image2");
            r.setVideoCodecName("dpx");
            r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE);
            r.setOption("start_number", "1001");
            r.start();
            var f = new org.bytedeco.javacv.Frame(TestClips.W, TestClips.H, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < 3; i++) {
                byte[] rgb = TestClips.pattern(i);
                var buf = (java.nio.ByteBuffer) f.image[0];
                for (int p = 0; p < TestClips.W * TestClips.H; p++) {
                    int d = (p / TestClips.W) * f.imageStride + (p % TestClips.W) * 3;
                    buf.put(d, rgb[p * 3 + 2]).put(d + 1, rgb[p * 3 + 1]).put(d + 2, rgb[p * 3]);
                }
                r.record(f);
            }
            r.stop();
        }
        try (FrameSource src = FrameSources.open(dir.resolve("scan.####.dpx").toString() + " 1001-1003")) {
            assertEquals(3, src.frameCount());
            assertEquals(1001, src.frameNumber(0));
            assertEquals(2, TestClips.indexShown(src.read(2)));
            TestClips.assertColour(src.read(2), 21, 48, TestClips.RED, 2);
        }
    }

    @Test
    void explicitRangeSelectsPartOfTheSequence() throws Exception {
        for (int f = 1001; f <= 1004; f++) {
            TestImages.write8(dir.resolve(String.format("plate.%04d.png", f)), W, H, f);
        }
        try (FrameSource src = FrameSources.open(dir.resolve("plate.%04d.png").toString() + " 1002-1003")) {
            assertInstanceOf(ImageSequenceFrameSource.class, src);
            assertEquals(2, src.frameCount());
            assertEquals(1002, src.frameNumber(0));
            assertEquals(TestImages.rgb16(1003, 0, 0)[2] >> 8, src.read(1).blue(0, 0));
        }
    }

    @Test
    void gapsAreReportedWithEveryMissingFrameNumber() throws Exception {
        for (int f : new int[] {1001, 1002, 1004, 1007}) {
            TestImages.write8(dir.resolve(String.format("plate.%04d.png", f)), W, H, f);
        }
        FrameSourceException e = assertThrows(FrameSourceException.class,
                () -> FrameSources.open(dir.resolve("plate.####.png").toString()));
        assertEquals(dir.resolve("plate.####.png") + " is missing 3 frames: 1003, 1005-1006 (expected 1001-1007,"
                + " e.g. plate.1003.png).", e.getMessage());
        FrameSourceException range = assertThrows(FrameSourceException.class,
                () -> FrameSources.open(dir.resolve("plate.####.png") + " 1001-1010"));
        assertTrue(range.getMessage().contains("1003, 1005-1006, 1008-1010"), range.getMessage());
    }

    @Test
    void aFrameOfAnotherSizeIsNamedWithBothSizes() throws Exception {
        TestImages.write8(dir.resolve("plate.1001.png"), W, H, 1);
        TestImages.write8(dir.resolve("plate.1002.png"), 32, 32, 2);
        try (FrameSource src = FrameSources.open(dir.resolve("plate.####.png").toString())) {
            src.read(0);
            FrameSourceException e = assertThrows(FrameSourceException.class, () -> src.read(1));
            assertEquals(dir.resolve("plate.1002.png") + " is 32x32 but the sequence starts at 40x24 (plate.1001.png);"
                    + " all frames of a sequence must have one size.", e.getMessage());
        }
    }

    @Test
    void noMatchingFilesIsAClearError() {
        FrameSourceException e = assertThrows(FrameSourceException.class,
                () -> FrameSources.open(dir.resolve("none.%04d.exr").toString()));
        assertEquals(dir.resolve("none.%04d.exr") + " matches no files (looked for e.g. none.1001.exr).", e.getMessage());
    }

    private static void assertPixelsNear(Frame f, int frame, int tolerance, boolean srgb) {
        for (int y = 0; y < H; y += 3) {
            for (int x = 0; x < W; x += 3) {
                int[] c = TestImages.rgb16(frame, x, y);
                int[] got = {f.red(x, y), f.green(x, y), f.blue(x, y)};
                for (int k = 0; k < 3; k++) {
                    double v = c[k] / 65535.0;
                    int expected = (int) Math.round((srgb ? Srgb.encode(v) : v) * 255);
                    assertTrue(Math.abs(got[k] - expected) <= tolerance,
                            "pixel " + x + "," + y + " channel " + k + ": " + got[k] + " vs " + expected);
                }
            }
        }
    }
}
