package org.sam2long.engine.model;

/**
 * How ONNX Runtime runs the model.
 *
 * @param provider       AUTO picks CUDA when the GPU build and a usable GPU are present, else CPU
 * @param intraOpThreads threads inside one operator; 0 = ONNX Runtime's default (all cores)
 * @param interOpThreads threads across operators; 0 = default
 * @param batchBudgetMB  memory one batched graph call may use, in MB; 0 = automatic (half the free
 *                       device memory on CUDA when it can be read, else half the available host memory)
 * @param deviceId       the CUDA device (GPU) the model runs on when it runs on CUDA, 0 to {@value #MAX_DEVICE_ID};
 *                       models on different devices are different {@link ModelPool} entries
 */
public record RuntimeSettings(Provider provider, int intraOpThreads, int interOpThreads, int batchBudgetMB, int deviceId) {
    public enum Provider { AUTO, CPU, CUDA }

    /** The largest CUDA device id accepted. */
    public static final int MAX_DEVICE_ID = 63;

    public RuntimeSettings {
        if (provider == null) {
            throw new IllegalArgumentException("runtime.provider must be one of AUTO, CPU, CUDA");
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("runtime thread counts must be 0 (default) or more, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
        if (batchBudgetMB < 0) {
            throw new IllegalArgumentException("runtime.batchBudgetMB must be 0 (automatic) or more, got " + batchBudgetMB);
        }
        if (deviceId < 0 || deviceId > MAX_DEVICE_ID) {
            throw new IllegalArgumentException("runtime.deviceId must be a CUDA device number from 0 to " + MAX_DEVICE_ID
                    + ", got " + deviceId);
        }
    }

    /** Settings on CUDA device 0 (when they run on CUDA). */
    public RuntimeSettings(Provider provider, int intraOpThreads, int interOpThreads, int batchBudgetMB) {
        this(provider, intraOpThreads, interOpThreads, batchBudgetMB, 0);
    }

    /** Settings with the automatic batch budget. */
    public RuntimeSettings(Provider provider, int intraOpThreads, int interOpThreads) {
        this(provider, intraOpThreads, interOpThreads, 0, 0);
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Provider.AUTO, 0, 0, 0, 0);
    }

    /** The same settings with another batch budget (MB; 0 = automatic). */
    public RuntimeSettings withBatchBudgetMB(int mb) {
        return new RuntimeSettings(provider, intraOpThreads, interOpThreads, mb, deviceId);
    }

    /** The same settings on another CUDA device (a farm worker gives each slot its GPU). */
    public RuntimeSettings withDeviceId(int device) {
        return new RuntimeSettings(provider, intraOpThreads, interOpThreads, batchBudgetMB, device);
    }
}
