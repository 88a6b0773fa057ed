package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.internal.track.HoleFill;
import org.sam2long.engine.internal.track.ImagePreprocessor;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.Resample;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.internal.tree.Candidate;
import org.sam2long.engine.internal.tree.SelectionRule;

/**
 * JMH micro-benchmarks of the engine's hot Java code (a benchmark program, not a test). Run with
 * {@code ./mvnw -q -pl engine/tests -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp engine/tests/target/test-classes:$(cat engine/tests/cp.txt) org.openjdk.jmh.Main HotPath}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HotPathBenchmarks {
    private ImagePreprocessor preprocessor;
    private Frame hd;
    private float[] lowRes;
    private Matte matte;
    private MatteCleanup cleanup;
    private List<Candidate> candidates;
    private float[] presence;

    @Setup
    public void setUp() {
        ModelManifest mf;
        try (Sam2Model m = Sam2Model.loadBundled(BundledModels.DEMO, RuntimeSettings.defaults())) {
            mf = m.manifest();
        }
        preprocessor = new ImagePreprocessor(mf, false);
        Random r = new Random(7);
        byte[] rgb = new byte[1920 * 1080 * 3];
        r.nextBytes(rgb);
        hd = new Frame(0, 1920, 1080, rgb);
        lowRes = new float[64 * 64];
        for (int i = 0; i < lowRes.length; i++) {
            lowRes[i] = (float) r.nextGaussian() * 5;
        }
        matte = new Matte(1, 0, 64, lowRes, 1920, 1080, 5f, 0, 0);
        cleanup = new MatteCleanup(new CleanupSettings(true, 1.0, 0.0, 64, 64, 2, 2.0, 0));
        candidates = new ArrayList<>();
        presence = new float[] {1f, 0.5f, -1f};
        for (int p = 0; p < 3; p++) {
            for (int j = 0; j < 3; j++) {
                float iou = 0.5f + r.nextFloat() / 2;
                candidates.add(new Candidate(p, j, Math.log(iou), iou, presence[p]));
            }
        }
    }

    @Benchmark
    public float[] resizeFrame1080pToModelInput() {
        return preprocessor.apply(hd);
    }

    @Benchmark
    public float[] upsampleMatteTo1080p() {
        return Resample.bilinear(lowRes, 64, 64, 1920, 1080);
    }

    @Benchmark
    public float[] fillHolesLowRes() {
        return HoleFill.apply(lowRes, 64, 8);
    }

    @Benchmark
    public List<Candidate> selectCandidates() {
        return SelectionRule.select(candidates, presence, 3, 2.0);
    }

    @Benchmark
    public Object cleanUp1080p() {
        return cleanup.apply(matte);
    }
}
