package org.sam2long.engine.internal.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.RuntimeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where ONNX Runtime runs (CUDA or CPU) and says why, once per model load. */
final class ExecutionProviders {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);

    /**
     * System property (diagnostics): "false" turns ONNX Runtime's CPU arena off, so every tensor is
     * allocated and freed on its own instead of from arena blocks that grow by powers of two.
     */
    static final String CPU_ARENA_PROPERTY = "sam2long.cpuArena";
    /** System property (diagnostics): "false" turns ONNX Runtime's memory-pattern planning off. */
    static final String MEMORY_PATTERN_PROPERTY = "sam2long.memoryPattern";

    private ExecutionProviders() {}

    /** Session options for the settings; the returned text names the provider and the reason. */
    static Chosen choose(RuntimeSettings rt) throws OrtException {
        return choose(rt, OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    }

    /**
     * As {@link #choose(RuntimeSettings)}, with whether this ONNX Runtime build has the CUDA provider
     * given (a test on a CPU build passes true to reach the real CUDA options call for a device).
     */
    static Chosen choose(RuntimeSettings rt, boolean cudaBuilt) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (rt.intraOpThreads() > 0) {
            opts.setIntraOpNumThreads(rt.intraOpThreads());
        }
        if (rt.interOpThreads() > 0) {
            opts.setInterOpNumThreads(rt.interOpThreads());
        }
        if ("false".equals(System.getProperty(CPU_ARENA_PROPERTY))) {
            opts.setCPUArenaAllocator(false);
        }
        if ("false".equals(System.getProperty(MEMORY_PATTERN_PROPERTY))) {
            opts.setMemoryPatternOptimization(false);
        }
        if (rt.provider() == RuntimeSettings.Provider.CPU) {
            return new Chosen(opts, "CPU", "CPU requested");
        }
        int gpu = rt.deviceId();
        if (!cudaBuilt) {
            if (rt.provider() == RuntimeSettings.Provider.CUDA) {
                throw new ModelException("CUDA was requested but this build of ONNX Runtime has no CUDA provider: "
                        + "build with -Pcuda (onnxruntime_gpu) or choose the CPU provider");
            }
            return new Chosen(opts, "CPU", "this ONNX Runtime build has no CUDA provider (the -Pcuda build adds it)");
        }
        try {
            opts.addCUDA(gpu);
            return new Chosen(opts, "CUDA", "CUDA provider available and GPU " + gpu + " usable");
        } catch (OrtException e) {
            if (rt.provider() == RuntimeSettings.Provider.CUDA) {
                throw new ModelException("CUDA was requested but GPU " + gpu + " cannot be used: "
                        + OnnxGraph.firstLine(e.getMessage()), e);
            }
            opts.close();
            OrtSession.SessionOptions cpu = new OrtSession.SessionOptions();
            if (rt.intraOpThreads() > 0) {
                cpu.setIntraOpNumThreads(rt.intraOpThreads());
            }
            return new Chosen(cpu, "CPU", "CUDA provider present but GPU " + gpu + " unusable (" + OnnxGraph.firstLine(e.getMessage())
                    + "), needs CUDA 12 and cuDNN 9");
        }
    }

    record Chosen(OrtSession.SessionOptions options, String provider, String reason) {
        void log(String model) {
            LOG.info("model {}: running on {} ({})", model, provider, reason);
        }
    }
}
