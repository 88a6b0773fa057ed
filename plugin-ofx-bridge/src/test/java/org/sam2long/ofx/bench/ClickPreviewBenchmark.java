package org.sam2long.ofx.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.ofx.overlay.MatteOutline;
import org.sam2long.ofx.testing.DiscClip;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.ModelPool;

/**
 * Click-to-outline latency of the plug-in's click preview on the CPU: the first click on a frame
 * (frame encode + decoder + outline) and later clicks on the same frame (decoder + outline), on the
 * test host's disc clip scaled to {@code width x height}. Host frame fetch and conversion are not
 * included (the plug-in reads the frame on the host's thread before the preview starts).
 * A benchmark program, not a test:
 * <pre>
 * java -cp ... org.sam2long.ofx.bench.ClickPreviewBenchmark [model-dir|demo] [width] [height] [rounds]
 * </pre>
 */
public final class ClickPreviewBenchmark {
    private ClickPreviewBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 && !args[0].equals("demo") ? Path.of(args[0]) : null;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : DiscClip.W;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : DiscClip.H;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        FrameSource clip = new Scaled(new DiscClip(), width, height);
        ModelPool models = new ModelPool();
        long l0 = System.nanoTime();
        models.get(dir, BundledModels.DEMO, RuntimeSettings.defaults());
        System.out.printf("model %s, frame %dx%d, %d cores: load %.0f ms%n", dir == null ? "demo (bundled)" : dir,
                width, height, Runtime.getRuntime().availableProcessors(), (System.nanoTime() - l0) / 1e6);
        double[] first = new double[rounds];
        double[] next = new double[rounds * 4];
        int k = 0;
        try (ClickPreview preview = new ClickPreview(models)) {
            for (int r = 0; r < rounds; r++) {
                int frame = 2 + 3 * r % (DiscClip.FRAMES - 2);
                double[] c = DiscClip.centre(frame);
                double sx = (double) width / DiscClip.W, sy = (double) height / DiscClip.H;
                Frame pixels = clip.read(frame);
                Prompt.Click[] clicks = {Prompt.Click.positive(c[0] * sx, c[1] * sy), Prompt.Click.negative(150 * sx, 110 * sy),
                        Prompt.Click.positive((c[0] + 5) * sx, c[1] * sy), Prompt.Click.negative(10 * sx, 10 * sy),
                        Prompt.Click.positive(c[0] * sx, (c[1] - 5) * sy)};
                for (int n = 1; n <= clicks.length; n++) {
                    Prompt p = Prompt.clicks(1, frame, Arrays.copyOf(clicks, n));
                    long t0 = System.nanoTime();
                    Matte m = preview.preview(new ClickPreview.Request(clip, pixels, p, TrackingSettings.defaults(), dir,
                            BundledModels.DEMO, RuntimeSettings.defaults()));
                    double[] outline = MatteOutline.segments(m.lowRes(), m.maskSize(), m.width(), m.height());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (n == 1) {
                        first[r] = ms;
                    } else {
                        next[k++] = ms;
                    }
                    if (r == 0 && n == 1) {
                        System.out.printf("  outline: %d segments%n", outline.length / 4);
                    }
                }
            }
        }
        System.out.printf("first click on a frame (encode + decoder + outline): median %.1f ms, min %.1f, max %.1f (%d frames; the first includes warm-up)%n",
                median(first), Arrays.stream(first).min().orElse(0), Arrays.stream(first).max().orElse(0), rounds);
        System.out.printf("next clicks on that frame (decoder + outline): median %.1f ms, min %.1f, max %.1f (%d clicks)%n",
                median(next), Arrays.stream(next).min().orElse(0), Arrays.stream(next).max().orElse(0), next.length);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    /** A clip's frames scaled by nearest neighbour. */
    private record Scaled(FrameSource in, int width, int height) implements FrameSource {
        @Override public int frameCount() { return in.frameCount(); }
        @Override public double frameRate() { return in.frameRate(); }

        @Override
        public Frame read(int index) throws org.sam2long.engine.frame.FrameSourceException {
            Frame f = in.read(index);
            if (width == f.width() && height == f.height()) {
                return f;
            }
            byte[] out = new byte[width * height * 3];
            for (int y = 0; y < height; y++) {
                int sy = y * f.height() / height;
                for (int x = 0; x < width; x++) {
                    System.arraycopy(f.rgb(), (sy * f.width() + x * f.width() / width) * 3, out, (y * width + x) * 3, 3);
                }
            }
            return new Frame(index, width, height, out);
        }
    }
}
