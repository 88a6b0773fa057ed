package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.OutputSettings.Channels;
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.matte.OutputSettings;

class MatteWriterTest {
    private static final int W = 37;
    private static final int H = 21;
    private static final MatteObject HERO = new MatteObject(1, "hero");
    private static final MatteObject CAR = new MatteObject(2, "red car");

    @TempDir
    Path dir;

    /** A soft ramp with exact 0 and 1 at the corners, different per object and frame. */
    static AlphaMatte ramp(int objectId, int index, int frame) {
        float[] a = new float[W * H];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((i * 7919L + objectId * 131 + frame) % 1000) / 999f;
        }
        a[0] = 0f;
        a[a.length - 1] = 1f;
        return new AlphaMatte(objectId, index, W, H, a);
    }

    static Frame plate(int index) {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31 + index);
        }
        return new Frame(index, W, H, rgb);
    }

    private static OutputSettings settings(MatteFormat f, Channels c, boolean layers, int offset) {
        return new OutputSettings(f, c, layers, "{name}/{name}.{frame}.{ext}", 4, offset);
    }

    @Test
    void exrHalfAndFloatAlphaRoundTripWithinFormatPrecisionAndKeepFrameNumbers() throws Exception {
        for (MatteFormat f : new MatteFormat[] {MatteFormat.EXR_HALF, MatteFormat.EXR_FLOAT}) {
            MatteWriter w = new MatteWriter(dir.resolve(f.name()), settings(f, Channels.ALPHA, false, 0), List.of(HERO, CAR));
            for (int frame = 1001; frame <= 1003; frame++) {
                w.write(frame, List.of(ramp(1, frame - 1001, frame), ramp(2, frame - 1001, frame)), null);
            }
            Path file = dir.resolve(f.name()).resolve("red_car/red_car.1002.exr");
            assertTrue(Files.isRegularFile(file));
            ExrReader.Image img = ExrReader.read(file);
            assertEquals(List.of("A"), List.copyOf(img.channels().keySet()));
            assertEquals("1002", img.strings().get("sam2long.frame"));
            assertEquals("red car", img.strings().get("sam2long.object"));
            assertClose(ramp(2, 1, 1002).alpha(), img.channel("A"), f == MatteFormat.EXR_HALF ? 1 / 2048f : 0f);
        }
    }

    @Test
    void exrRgbaIsReadByFfmpegWithLinearPremultipliedColour() throws Exception {
        for (MatteFormat f : new MatteFormat[] {MatteFormat.EXR_HALF, MatteFormat.EXR_FLOAT}) {
            MatteWriter w = new MatteWriter(dir, settings(f, Channels.RGBA_PREMULTIPLIED, false, 0), List.of(HERO));
            AlphaMatte m = ramp(1, 0, 1001);
            Frame plate = plate(0);
            w.write(1001, List.of(m), plate);
            Path file = dir.resolve("hero/hero.1001.exr");
            float[][] c = FfmpegReads.components(file);
            assertEquals(f == MatteFormat.EXR_HALF ? "gbrapf16le" : "gbrapf32le", FfmpegReads.pixelFormat(file));
            float tol = f == MatteFormat.EXR_HALF ? 1 / 2048f : 1e-7f;
            assertClose(m.alpha(), c[3], tol);
            float[] red = new float[W * H];
            for (int i = 0; i < red.length; i++) {
                red[i] = Srgb.decode8(plate.rgb()[i * 3]) * m.alpha()[i];
            }
            assertClose(red, c[0], tol);
            ExrReader.Image ours = ExrReader.read(file);
            for (int k = 0; k < 4; k++) {
                assertClose(c[k], ours.channel(new String[] {"R", "G", "B", "A"}[k]), 0f);
            }
        }
    }

    @Test
    void layeredExrHasOneLayerPerObjectNamedAfterIt() throws Exception {
        MatteWriter rgba = new MatteWriter(dir.resolve("rgba"), settings(MatteFormat.EXR_FLOAT, Channels.RGBA_STRAIGHT, true, 0),
                List.of(HERO, CAR));
        rgba.write(1001, List.of(ramp(1, 0, 1001), ramp(2, 0, 1001)), plate(0));
        Path file = dir.resolve("rgba/mattes/mattes.1001.exr");
        ExrReader.Image img = ExrReader.read(file);
        assertEquals(List.of("hero.A", "hero.B", "hero.G", "hero.R", "red_car.A", "red_car.B", "red_car.G", "red_car.R"),
                List.copyOf(img.channels().keySet()));
        assertEquals("1=hero,2=red_car", img.strings().get("sam2long.layers"));
        for (MatteObject o : List.of(HERO, CAR)) {
            float[][] c = FfmpegReads.exrLayer(file, o.safeName());
            assertClose(ramp(o.id(), 0, 1001).alpha(), c[3], 0f);
            assertClose(img.channel(o.safeName() + ".G"), c[1], 0f);
            assertEquals(Srgb.decode8(plate(0).rgb()[4]), c[1][1], 1e-7);
        }

        MatteWriter alpha = new MatteWriter(dir.resolve("alpha"), settings(MatteFormat.EXR_HALF, Channels.ALPHA, true, 0),
                List.of(HERO, CAR));
        alpha.write(1005, List.of(ramp(2, 4, 1005)), null);
        ExrReader.Image layers = ExrReader.read(dir.resolve("alpha/mattes/mattes.1005.exr"));
        assertEquals(List.of("hero.A", "red_car.A"), List.copyOf(layers.channels().keySet()));
        assertClose(new float[W * H], layers.channel("hero.A"), 0f);
        assertClose(ramp(2, 4, 1005).alpha(), layers.channel("red_car.A"), 1 / 2048f);
    }

    @Test
    void ourExrReaderAgreesWithFfmpegOnFilesFfmpegCanRead() throws Exception {
        float[] y = ramp(1, 0, 7).alpha();
        for (ExrWriter.Compression compression : ExrWriter.Compression.values()) {
            Path file = dir.resolve("y-" + compression + ".exr");
            Files.write(file, ExrWriter.encode(W, H, List.of(new ExrWriter.Channel("Y", y)), ExrWriter.PixelType.FLOAT,
                    compression, Map.of()));
            assertClose(FfmpegReads.components(file)[0], ExrReader.read(file).channel("Y"), 0f);
            assertClose(y, ExrReader.read(file).channel("Y"), 0f);
        }
    }

    @Test
    void sixteenBitPngAndTiffHoldRoundedAlphaReadBackByFfmpeg() throws Exception {
        for (MatteFormat f : new MatteFormat[] {MatteFormat.PNG16, MatteFormat.TIFF16}) {
            MatteWriter w = new MatteWriter(dir.resolve(f.name()), settings(f, Channels.ALPHA, false, 0), List.of(HERO));
            w.write(1001, List.of(ramp(1, 0, 1001)), null);
            Path file = dir.resolve(f.name()).resolve("hero/hero.1001." + f.extension());
            assertTrue(FfmpegReads.pixelFormat(file).startsWith("gray16"), FfmpegReads.pixelFormat(file));
            float[] expected = ramp(1, 0, 1001).alpha().clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = Math.round(expected[i] * 65535) / 65535f;
            }
            assertClose(expected, FfmpegReads.components(file)[0], 1e-7f);
            try (MatteReader r = new MatteReader(w)) {
                assertClose(expected, r.alpha(HERO, 1001), 1e-7f);
            }
        }
    }

    @Test
    void rgbaPngAndTiffCarryThePlateStraightOrPremultiplied() throws Exception {
        AlphaMatte m = ramp(1, 0, 1001);
        Frame plate = plate(0);
        Object[][] cases = {{MatteFormat.TIFF16, Channels.RGBA_STRAIGHT, 65535}, {MatteFormat.PNG16, Channels.RGBA_PREMULTIPLIED, 65535},
            {MatteFormat.PNG8, Channels.RGBA_PREMULTIPLIED, 255}};
        for (Object[] c : cases) {
            MatteFormat f = (MatteFormat) c[0];
            Channels ch = (Channels) c[1];
            int max = (int) c[2];
            Path out = dir.resolve(f + "-" + ch);
            MatteWriter w = new MatteWriter(out, settings(f, ch, false, 0), List.of(HERO));
            w.write(1001, List.of(m), plate);
            float[][] got = FfmpegReads.components(out.resolve("hero/hero.1001." + f.extension()));
            assertEquals(4, got.length);
            for (int i = 0; i < W * H; i += 5) {
                float a = m.alpha()[i];
                assertEquals(Math.round(a * max) / (float) max, got[3][i], 1e-6, "alpha " + i);
                for (int k = 0; k < 3; k++) {
                    float v = (plate.rgb()[i * 3 + k] & 0xff) / 255f;
                    float expected = ch == Channels.RGBA_PREMULTIPLIED ? v * a : v;
                    assertEquals(Math.round(expected * max) / (float) max, got[k][i], 1e-6, f + " " + ch + " pixel " + i + " channel " + k);
                }
            }
        }
    }

    @Test
    void eightBitPngAlphaAndFrameOffset() throws Exception {
        MatteWriter w = new MatteWriter(dir, new OutputSettings(MatteFormat.PNG8, Channels.ALPHA, false,
                "{name}_{id}.{frame}.{ext}", 6, 10), List.of(HERO));
        List<Path> files = w.write(1001, List.of(ramp(1, 0, 1001)), null);
        assertEquals(List.of(dir.toAbsolutePath().resolve("hero_1.001011.png")), files);
        float[] got = FfmpegReads.components(files.get(0))[0];
        assertEquals(Math.round(ramp(1, 0, 1001).alpha()[3] * 255) / 255f, got[3], 1e-6);
        assertEquals("gray", FfmpegReads.pixelFormat(files.get(0)));
    }

    @Test
    void templatesMayNotLeaveTheOutputFolderAndNamesMustNotClash() {
        MatteWriter w = new MatteWriter(dir, new OutputSettings(MatteFormat.PNG8, Channels.ALPHA, false,
                "../{name}.{frame}.{ext}", 4, 0), List.of(HERO));
        MatteWriteException e = assertThrows(MatteWriteException.class, () -> w.write(1, List.of(ramp(1, 0, 1)), null));
        assertTrue(e.getMessage().startsWith("The file name template ../{name}.{frame}.{ext} leads outside the output folder"),
                e.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> new MatteWriter(dir,
                OutputSettings.defaults(), List.of(new MatteObject(1, "a b"), new MatteObject(2, "a.b"))));
        assertTrue(clash.getMessage().contains("would write to the same files (a_b)"), clash.getMessage());
    }

    static void assertClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                throw new AssertionError("sample " + i + ": expected " + expected[i] + " got " + actual[i] + " (tolerance " + tolerance + ")");
            }
        }
    }
}
