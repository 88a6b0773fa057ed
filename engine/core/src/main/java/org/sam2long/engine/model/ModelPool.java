package org.sam2long.engine.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loaded models shared by everything in one process (the command line, a farm worker's job slots,
 * every instance of the plug-in): one load per (model, runtime settings), however many threads ask
 * at once. Models belong to the pool: callers use them and never close them; closing the pool
 * closes them all. A load that fails is not remembered, so the next request tries again.
 */
public final class ModelPool implements AutoCloseable {
    /** Which model and how it runs: a model bundled in the engine jar, or a model directory. */
    public record Key(String bundledName, Path directory, RuntimeSettings runtime) {
        public Key {
            if ((bundledName == null) == (directory == null)) {
                throw new IllegalArgumentException("a model key names either a bundled model or a directory");
            }
            directory = directory == null ? null : directory.toAbsolutePath().normalize();
            runtime = runtime == null ? RuntimeSettings.defaults() : runtime;
        }

        public static Key bundled(String name, RuntimeSettings runtime) {
            return new Key(name, null, runtime);
        }

        public static Key directory(Path dir, RuntimeSettings runtime) {
            return new Key(null, dir, runtime);
        }

        @Override
        public String toString() {
            return (bundledName != null ? bundledName : directory.toString()) + " on " + runtime.provider()
                    + (runtime.deviceId() == 0 ? "" : " device " + runtime.deviceId());
        }
    }

    /** Turns a key into a loaded model; the real one is {@link #loadFromDisk}. */
    @FunctionalInterface
    public interface Loader {
        Sam2Model load(Key key);
    }

    private final Map<Key, CompletableFuture<Sam2Model>> models = new ConcurrentHashMap<>();
    private final Loader loader;
    private final AtomicInteger loads = new AtomicInteger();
    private volatile boolean closed;

    public ModelPool() {
        this(ModelPool::loadFromDisk);
    }

    public ModelPool(Loader loader) {
        this.loader = loader;
    }

    /** Loads a key's model with the engine's validating loader. */
    public static Sam2Model loadFromDisk(Key key) {
        return key.bundledName() != null ? Sam2Model.loadBundled(key.bundledName(), key.runtime())
                : Sam2Model.load(key.directory(), key.runtime());
    }

    /**
     * The model for {@code key}, loading it on first use; concurrent callers of one key wait for a
     * single load. Throws the loader's {@link ModelException} (one sentence) when it cannot load.
     */
    public Sam2Model get(Key key) {
        if (closed) {
            throw new IllegalStateException("the model pool is closed");
        }
        CompletableFuture<Sam2Model> mine = new CompletableFuture<>();
        CompletableFuture<Sam2Model> existing = models.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(loader.load(key));
                loads.incrementAndGet();
            } catch (RuntimeException | Error e) {
                models.remove(key, mine);
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** How many models this pool has loaded so far. */
    public int loads() {
        return loads.get();
    }

    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Sam2Model>> all = new ArrayList<>(models.values());
        models.clear();
        for (CompletableFuture<Sam2Model> f : all) {
            Sam2Model m = f.getNow(null);
            if (m != null) {
                m.close();
            }
        }
    }
}
