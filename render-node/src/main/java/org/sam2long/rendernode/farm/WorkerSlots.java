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

    /** The slot count and, for the worker's first line, why. */
    public record Choice(int slots, String reason) {}

    /**
     * The choice from given facts (no probing).
     *
     * @param given          {@code --slots} as given, or null
     * @param cudaUsable     whether the CUDA execution provider is available to ONNX Runtime
     * @param nvidiaSmiLines the lines {@code nvidia-smi -L} printed, or null when it is absent or failed
     */
    public static Choice choose(Integer given, boolean cudaUsable, List<String> nvidiaSmiLines) {
        if (given != null) {
            return new Choice(given, "as given with --slots");
        }
        int gpus = nvidiaSmiLines == null ? 0 : (int) nvidiaSmiLines.stream().filter(l -> l.startsWith("GPU ")).count();
        if (cudaUsable && gpus > 0) {
            return new Choice(gpus, "one per GPU: nvidia-smi -L lists " + gpus + " GPU" + (gpus == 1 ? "" : "s"));
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

    /** The choice on this machine: probes the CUDA provider and runs {@code nvidia-smi -L} when CUDA is there. */
    public static Choice detect(Integer given) {
        if (given != null) {
            return choose(given, false, null);
        }
        boolean cuda = FarmWorker.cudaProviderAvailable();
        return choose(null, cuda, nvidiaSmiList());
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
