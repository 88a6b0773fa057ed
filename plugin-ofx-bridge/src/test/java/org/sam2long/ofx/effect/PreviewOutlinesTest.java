package org.sam2long.ofx.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.ofx.overlay.MatteOutline;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.testing.DiscClip;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.ModelPool;
import org.sam2long.presets.PresetLibrary;

/** The overlay's click previews: one redraw per click, outlines shown only for the prompt they were made from. */
class PreviewOutlinesTest {
    private static final ModelPool MODELS = new ModelPool();
    private final DiscClip clip = new DiscClip();

    @TempDir
    Path cache;

    private InstanceSettings settings(int preset) {
        ParamValues p = ParamValues.inMemory();
        p.set(RotoParams.PRESET, preset);
        return new InstanceSettings.Reader(new PresetChoices(PresetLibrary.builtInOnly()), cache).read(p);
    }

    private static Prompt click(int frame, double dx) {
        double[] c = DiscClip.centre(frame);
        return Prompt.clicks(1, frame, Prompt.Click.positive(c[0] + dx, c[1]));
    }

    @Test
    void eachClickEndsInOneRedrawAndItsOutlineShowsWhileItIsThePrompt() throws Exception {
        InstanceSettings s = settings(0);
        Semaphore redraws = new Semaphore(0);
        AtomicInteger count = new AtomicInteger();
        Runnable redraw = () -> {
            count.incrementAndGet();
            redraws.release();
        };
        try (PreviewOutlines previews = new PreviewOutlines(new ClickPreview(MODELS))) {
            Prompt first = click(3, 0);
            previews.request(clip, clip.read(3), first, 3, s, redraw);
            assertTrue(redraws.tryAcquire(120, TimeUnit.SECONDS), "no redraw after a click");
            double[] outline = previews.outline(1, 3, first, s);
            assertNotNull(outline, "the click's outline");
            // oracle: the outline of the engine's own preview of that prompt
            try (ClickPreview direct = new ClickPreview(MODELS)) {
                var m = direct.preview(new ClickPreview.Request(clip, clip.read(3), first, s.tracking(), s.modelDir(),
                        s.modelName(), s.runtime()));
                assertEquals(java.util.Arrays.toString(MatteOutline.segments(m.lowRes(), m.maskSize(), m.width(), m.height())),
                        java.util.Arrays.toString(outline));
            }
            assertNull(previews.outline(1, 3, click(3, 2), s), "another prompt on the frame: not this outline");
            assertNull(previews.outline(2, 3, first, s), "another object");
            assertNull(previews.outline(1, 3, first, settings(2)), "another preset (model and tracking settings)");

            // three clicks in a row: three redraws, and the last click's outline is the one kept
            Prompt last = click(3, 3);
            previews.request(clip, clip.read(3), click(3, 1), 3, s, redraw);
            previews.request(clip, clip.read(3), click(3, 2), 3, s, redraw);
            previews.request(clip, clip.read(3), last, 3, s, redraw);
            assertTrue(redraws.tryAcquire(3, 120, TimeUnit.SECONDS), "one redraw per click");
            assertNotNull(previews.outline(1, 3, last, s));

            previews.invalidate(); // the Source clip changed
            assertNull(previews.outline(1, 3, last, s));
        }
        int before = count.get();
        PreviewOutlines closed = new PreviewOutlines(new ClickPreview(MODELS));
        closed.close();
        closed.request(clip, clip.read(3), click(3, 0), 3, s, redraw); // a click after destroy: ignored
        Thread.sleep(200);
        assertEquals(before, count.get(), "no redraw after destroy");
    }
}
