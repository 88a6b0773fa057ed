package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.frame.Frame;

/**
 * JPEG stills decode as libjpeg does. Oracle: the JDK's own JPEG decoder (ImageIO, IJG libjpeg
 * code), an implementation independent of OpenCV's libjpeg-turbo and of FFmpeg.
 */
class JpegDecodeTest {

    private static BufferedImage testPicture() {
        int w = 161;
        int h = 121;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255) / w;
                int g = (y * 255) / h;
                int b = ((x / 16 + y / 16) % 2 == 0) ? 230 : 20;
                if (x > 60 && x < 100 && y > 40 && y < 80) {
                    r = 220;
                    g = 30;
                    b = 40;
                }
                r = Math.max(0, Math.min(255, r + rnd.nextInt(9) - 4));
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    @Test
    void jpegStillsMatchALibjpegDecodeWithinOneLevel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plate.1001.jpg");
        assertTrue(ImageIO.write(testPicture(), "jpg", file.toFile()));
        BufferedImage reference = ImageIO.read(file.toFile());
        Frame frame;
        try (ImageSequenceFrameSource src = ImageSequenceFrameSource.single(file)) {
            frame = src.read(0);
        }
        assertEquals(reference.getWidth(), frame.width());
        assertEquals(reference.getHeight(), frame.height());
        int max = 0;
        long sum = 0;
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int rgb = reference.getRGB(x, y);
                int[] want = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                int[] got = {frame.red(x, y), frame.green(x, y), frame.blue(x, y)};
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs(want[c] - got[c]);
                    max = Math.max(max, d);
                    sum += d;
                }
            }
        }
        double mean = sum / (3.0 * frame.width() * frame.height());
        int ffmpegMax = 0;
        try (ImageDecoder ff = new ImageDecoder(); PictureConverter conv = new PictureConverter()) {
            byte[] rgb = conv.toRgb(ff.decode(file));
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < frame.width(); x++) {
                    int p = reference.getRGB(x, y);
                    int i = (y * frame.width() + x) * 3;
                    ffmpegMax = Math.max(ffmpegMax, Math.abs(((p >> 16) & 0xff) - (rgb[i] & 0xff)));
                }
            }
        }
        System.out.printf("JPEG vs the JDK's libjpeg decode: max %d, mean %.4f levels (FFmpeg's mjpeg path: max %d on red)%n",
                max, mean, ffmpegMax);
        assertTrue(max <= 1, "within one level of a libjpeg decode, got " + max);
    }
}
