package org.sam2long.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool loads the real demo model once per key, however many threads ask at once. */
class ModelPoolTest {
    private static final RuntimeSettings CPU = new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1);

    @Test
    void concurrentRequestsShareOneLoad() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ModelPool pool = new ModelPool(k -> {
            calls.incrementAndGet();
            return ModelPool.loadFromDisk(k);
        })) {
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService ex = Executors.newFixedThreadPool(threads);
            List<Future<Sam2Model>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(ex.submit(() -> {
                    go.await();
                    return pool.get(ModelPool.Key.bundled(BundledModels.DEMO, CPU));
                }));
            }
            go.countDown();
            Sam2Model first = got.get(0).get();
            for (Future<Sam2Model> f : got) {
                assertSame(first, f.get(), "every caller gets the one loaded model");
            }
            ex.shutdown();
            assertEquals(1, calls.get(), "one load for one key");
            assertEquals(1, pool.loads());
            Sam2Model other = pool.get(ModelPool.Key.bundled(BundledModels.DEMO,
                    new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1)));
            assertTrue(other != first, "other runtime settings are another key");
            assertEquals(2, calls.get());
        }
    }

    @Test
    void aFailedLoadIsReportedAndTriedAgainNextTime(@TempDir Path dir) throws Exception {
        try (ModelPool pool = new ModelPool()) {
            ModelPool.Key key = ModelPool.Key.directory(dir.resolve("model"), CPU);
            String m = assertThrows(ModelException.class, () -> pool.get(key)).getMessage();
            assertTrue(m.contains("model"), m);
            Files.createDirectories(dir.resolve("model"));
            Path demo = BundledModels.extract(BundledModels.DEMO);
            try (var files = Files.list(demo)) {
                for (Path p : files.toList()) {
                    Files.copy(p, dir.resolve("model").resolve(p.getFileName()));
                }
            }
            Sam2Model loaded = pool.get(key);
            assertEquals(1, pool.loads(), "the failure was not cached; the retry loaded");
            assertSame(loaded, pool.get(ModelPool.Key.directory(dir.resolve("model/../model"), CPU)),
                    "keys compare normalised paths");
        }
    }
}
