package org.sam2long.rendernode.farm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How many jobs a render node runs at once when {@code farm work --slots} is not given: one per GPU
 * when this build's ONNX Runtime has the CUDA provider (GPUs counted with {@code nvidia-smi -L}),
 * else one on the CPU.
 */
public final class WorkerSlots {
    private WorkerSlots() {}

    /**
     * The slot count, for the worker's first line why, and each slot's CUDA device.
     *
     * @param devices slot i's GPU (CUDA device number), {@code i mod} the GPUs {@code nvidia-smi -L} lists;
     *                empty when no GPU is used (the preset's {@code runtime.deviceId} then applies)
     */
    public record Choice(int slots, String reason, List<Integer> devices) {
        public Choice {
            devices = List.copyOf(devices);
        }

        /** A choice without GPUs. */
        public Choice(int slots, String reason) {
            this(slots, reason, List.of());
        }

        /** Slot to device, for the log: "slot 0 on GPU 0, slot 1 on GPU 1", or null without GPUs. */
        public String describeDevices() {
            if (devices.isEmpty()) {
                return null;
            }
            List<String> parts = new java.util.ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                parts.add("slot " + i + " on GPU " + devices.get(i));
            }
            return String.join(", ", parts);
        }
    }

    /** Slot i on GPU {@code i mod gpus}; empty when there is no GPU. */
    static List<Integer> devices(int slots, int gpus) {
        List<Integer> d = new java.util.ArrayList<>();
        for (int i = 0; gpus > 0 && i < slots; i++) {
            d.add(i % gpus);
        }
        return d;
    }

    /** The CUDA device numbers in {@code nvidia-smi -L} output ("GPU n: ..." lines; MIG lines are not GPUs). */
    static int gpuCount(List<String> nvidiaSmiLines) {
        return nvidiaSmiLines == null ? 0 : (int) nvidiaSmiLines.stream().filter(l -> l.startsWith("GPU ")).count();
    }

    /**
     * The choice from given facts (no probing).
     *
     * @param given          {@code --slots} as given, or null
     * @param cudaUsable     whether the CUDA execution provider is available to ONNX Runtime
     * @param nvidiaSmiLines the lines {@code nvidia-smi -L} printed, or null when it is absent or failed
     */
    public static Choice choose(Integer given, boolean cudaUsable, List<String> nvidiaSmiLines) {
        int gpus = gpuCount(nvidiaSmiLines);
        if (given != null) {
            return new Choice(given, "as given with --slots", devices(given, cudaUsable ? gpus : 0));
        }
        if (cudaUsable && gpus > 0) {
            return new Choice(gpus, "one per GPU: nvidia-smi -L lists " + gpus + " GPU" + (gpus == 1 ? "" : "s"),
                    devices(gpus, gpus));
        }
        if (cudaUsable) {
            return new Choice(1, "the CUDA provider is present but " + (nvidiaSmiLines == null
                    ? "nvidia-smi is not available" : "nvidia-smi -L lists no GPU"));
        }
        if (gpus > 0) {
            return new Choice(1, "on CPU: nvidia-smi -L lists " + gpus + " GPU" + (gpus == 1 ? "" : "s")
                    + " but this build's ONNX Runtime has no CUDA provider");
        }
        return new Choice(1, "on CPU, no CUDA provider");
    }

    /** The choice on this machine: probes the CUDA provider and runs {@code nvidia-smi -L} when CUDA is there (also with {@code --slots}, for the slots' GPUs). */
    public static Choice detect(Integer given) {
        boolean cuda = FarmWorker.cudaProviderAvailable();
        return choose(given, cuda, cuda ? nvidiaSmiList() : null);
    }

    /** The lines of {@code nvidia-smi -L}, or null when it is not installed, fails or hangs (10 s). */
    static List<String> nvidiaSmiList() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                out = in.readAllBytes();
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).lines().toList() : null;
        } catch (IOException e) {
            return null; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
