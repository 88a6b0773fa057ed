package org.sam2long.engine.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The parity resize equals PIL 9.4's {@code Image.resize(BICUBIC)} byte for byte. Oracle: PNGs made
 * by PIL itself (engine/tooling/pil_resize/make_fixture.py), read back losslessly.
 */
class PilBicubicTest {

    private static BufferedImage png(String name) throws Exception {
        try (InputStream in = PilBicubicTest.class.getResourceAsStream("pil/" + name)) {
            return ImageIO.read(in);
        }
    }

    private static byte[] rgb(BufferedImage img) {
        byte[] out = new byte[img.getWidth() * img.getHeight() * 3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int o = (y * img.getWidth() + x) * 3;
                out[o] = (byte) (p >> 16);
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) p;
            }
        }
        return out;
    }

    @Test
    void resizeEqualsPilByteForByte() throws Exception {
        for (String name : new String[] {"small", "large", "square"}) {
            BufferedImage in = png(name + ".in.png");
            BufferedImage want = png(name + ".out.png");
            byte[] got = PilBicubic.resize(rgb(in), in.getWidth(), in.getHeight(), want.getWidth());
            byte[] expected = rgb(want);
            int differ = 0;
            for (int i = 0; i < got.length; i++) {
                differ += got[i] != expected[i] ? 1 : 0;
            }
            assertEquals(0, differ, name + ": values that differ from PIL");
        }
    }
}
