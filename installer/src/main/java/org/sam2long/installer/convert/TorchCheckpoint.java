package org.sam2long.installer.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.sam2long.installer.util.InstallerException;

/**
 * Reads a PyTorch checkpoint as {@code torch.save} writes it (a zip: {@code <dir>/data.pkl} is the
 * pickled object, {@code <dir>/data/<key>} the raw little-endian tensor storages) without Python:
 * the pickle is read with Pyrolite ({@code net.razorvine:pickle}); tensors are rebuilt from the
 * {@code torch._utils._rebuild_tensor_v2} calls and the persistent storage ids. The official SAM 2.1
 * checkpoints hold {@code {"model": state_dict}}.
 */
public final class TorchCheckpoint implements AutoCloseable {
    /** One tensor of the state dict: where its storage is and how it is laid out. */
    public record Tensor(String key, String dtype, long[] shape, long[] stride, long offset, String storage) {
        public long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return key + " " + dtype + Arrays.toString(shape);
        }
    }

    private final Path file;
    private final ZipFile zip;
    private final String dir;
    private final Map<String, Tensor> tensors;

    private TorchCheckpoint(Path file, ZipFile zip, String dir, Map<String, Tensor> tensors) {
        this.file = file;
        this.zip = zip;
        this.dir = dir;
        this.tensors = tensors;
    }

    /** Opens the checkpoint and reads its state dict (under {@code "model"} when present, else the top dict). */
    public static TorchCheckpoint open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InstallerException("the checkpoint " + file + " is not a PyTorch zip checkpoint (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InstallerException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
        try {
            ZipEntry pkl = zip.stream().filter(z -> z.getName().endsWith("/data.pkl") && z.getName().indexOf('/') == z.getName().lastIndexOf('/'))
                    .findFirst().orElseThrow(() -> new InstallerException("the checkpoint " + file + " holds no <folder>/data.pkl: it is not a PyTorch zip checkpoint (a legacy, non-zip torch.save file is not supported)"));
            String dir = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = zip.getInputStream(pkl); TorchUnpickler u = new TorchUnpickler()) {
                root = u.load(in);
            } catch (PickleException | IOException | ClassCastException | IndexOutOfBoundsException e) {
                throw new InstallerException("the checkpoint " + file + " has a data.pkl that cannot be read: " + e.getMessage(), e);
            }
            Object state = root instanceof Map<?, ?> m && m.get("model") instanceof Map<?, ?> model ? model : root;
            if (!(state instanceof Map<?, ?> sd)) {
                throw new InstallerException("the checkpoint " + file + " holds no state dict (expected {\"model\": {name: tensor}})");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : sd.entrySet()) {
                if (e.getValue() instanceof RawTensor t) {
                    String key = String.valueOf(e.getKey());
                    tensors.put(key, new Tensor(key, t.storage.dtype, t.size, t.stride, t.offset, t.storage.key));
                }
            }
            return new TorchCheckpoint(file, zip, dir, Collections.unmodifiableMap(tensors));
        } catch (RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw e;
        }
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The tensor's values as float32 in row-major order (float32, float16 and bfloat16 storages). */
    public float[] floats(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new InstallerException("the checkpoint " + file + " has no tensor '" + key + "'");
        }
        int bytesPer = switch (t.dtype()) {
            case "float32" -> 4;
            case "float16", "bfloat16" -> 2;
            default -> throw new InstallerException("the checkpoint " + file + ": tensor '" + key + "' is " + t.dtype() + ", not a float tensor");
        };
        ZipEntry e = zip.getEntry(dir + "data/" + t.storage());
        if (e == null) {
            throw new InstallerException("the checkpoint " + file + " lacks the storage data/" + t.storage() + " of tensor '" + key + "'");
        }
        byte[] raw;
        try (InputStream in = zip.getInputStream(e)) {
            raw = in.readAllBytes();
        } catch (IOException ex) {
            throw new InstallerException("cannot read the storage of tensor '" + key + "' in " + file + ": " + ex.getMessage(), ex);
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(t.numel());
        float[] out = new float[n];
        long[] idx = new long[t.shape().length];
        long storageElems = raw.length / bytesPer;
        for (int i = 0; i < n; i++) {
            long pos = t.offset();
            for (int d = 0; d < idx.length; d++) {
                pos += idx[d] * t.stride()[d];
            }
            if (pos >= storageElems) {
                throw new InstallerException("the checkpoint " + file + ": tensor '" + key + "' reaches past the end of its storage data/" + t.storage());
            }
            out[i] = switch (t.dtype()) {
                case "float32" -> buf.getFloat((int) (pos * 4));
                case "float16" -> Float.intBitsToFloat(halfToFloatBits(buf.getShort((int) (pos * 2))));
                default -> Float.intBitsToFloat((buf.getShort((int) (pos * 2)) & 0xffff) << 16);
            };
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < t.shape()[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    /**
     * Checks the state dict against the expected names and shapes, in the expected order; the first
     * missing or misshaped tensor is named in one sentence.
     */
    public void check(Map<String, long[]> expected) {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new InstallerException("the checkpoint " + file + " lacks tensor '" + e.getKey() + "' (expected shape "
                        + Arrays.toString(e.getValue()) + "): it is not the checkpoint this model size needs");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new InstallerException("the checkpoint " + file + ": tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(e.getValue()) + " (wrong model size or a damaged checkpoint)");
            }
            if (!List.of("float32", "float16", "bfloat16").contains(t.dtype())) {
                throw new InstallerException("the checkpoint " + file + ": tensor '" + e.getKey() + "' is " + t.dtype() + ", expected a float tensor");
            }
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private static int halfToFloatBits(short h) {
        int s = (h >> 15) & 1;
        int e = (h >> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0) {
            if (m == 0) {
                return s << 31;
            }
            while ((m & 0x400) == 0) {
                m <<= 1;
                e--;
            }
            e++;
            m &= 0x3ff;
        } else if (e == 31) {
            return (s << 31) | 0x7f800000 | (m << 13);
        }
        return (s << 31) | ((e + 112) << 23) | (m << 13);
    }

    // ---- pickle ----

    record StorageType(String dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch storage types are not called in a checkpoint");
        }
    }

    record Storage(String dtype, String key) {}

    /**
     * {@code collections.OrderedDict}. A real {@code state_dict()} carries a {@code _metadata}
     * attribute (module versions), pickled as a BUILD with the instance dict; it is not needed.
     */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Called by the unpickler for BUILD; the attributes ({@code _metadata}) are dropped. */
        public void __setstate__(java.util.HashMap<?, ?> state) {
            // attributes of the dict object, not entries
        }
    }

    static final class RawTensor {
        final Storage storage;
        final long offset;
        final long[] size;
        final long[] stride;

        RawTensor(Storage storage, long offset, long[] size, long[] stride) {
            this.storage = storage;
            this.offset = offset;
            this.size = size;
            this.stride = stride;
        }
    }

    private static final Map<String, String> STORAGES = Map.of("FloatStorage", "float32", "HalfStorage", "float16",
            "BFloat16Storage", "bfloat16", "DoubleStorage", "float64", "LongStorage", "int64", "IntStorage", "int32",
            "BoolStorage", "bool", "ByteStorage", "uint8", "CharStorage", "int8", "ShortStorage", "int16");

    static {
        STORAGES.forEach((name, dtype) -> Unpickler.registerConstructor("torch", name, new StorageType(dtype)));
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchCheckpoint::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TorchCheckpoint::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage s)) {
            throw new PickleException("a tensor is rebuilt from something other than a storage");
        }
        return new RawTensor(s, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = tuple instanceof Object[] a ? a : ((List<?>) tuple).toArray();
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    private static final class TorchUnpickler extends Unpickler implements AutoCloseable {
        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = pid instanceof Object[] a ? a : null;
            if (t == null || t.length < 3 || !"storage".equals(t[0])) {
                throw new PickleException("unknown persistent id " + pid);
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new PickleException("unknown storage type " + t[1]);
            }
            return new Storage(type.dtype(), String.valueOf(t[2]));
        }
    }
}
