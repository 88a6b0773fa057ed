package org.sam2long.engine.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.RuntimeSettings;

/**
 * The CUDA device of {@link RuntimeSettings} reaches ONNX Runtime's CUDA options. Without a GPU (CI,
 * the CPU build) the real ONNX Runtime is told CUDA is built in, so the options call is made for the
 * requested device and refused by the CPU build, and every message names that device.
 */
class CudaDeviceOptionsTest {
    @Test
    void theCudaOptionsAreBuiltForTheRequestedDevice() throws Exception {
        Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has CUDA: the CPU build's refusal cannot be shown here");
        RuntimeSettings cudaOn1 = new RuntimeSettings(RuntimeSettings.Provider.CUDA, 1, 1, 0, 1);
        // told the CUDA provider is built in, choose() makes the real addCUDA(1) call, which this build refuses
        ModelException e = assertThrows(ModelException.class, () -> ExecutionProviders.choose(cudaOn1, true));
        assertTrue(e.getMessage().startsWith("CUDA was requested but GPU 1 cannot be used: "), e.getMessage());
        ExecutionProviders.Chosen auto = ExecutionProviders.choose(new RuntimeSettings(RuntimeSettings.Provider.AUTO, 1, 1, 0, 3), true);
        try {
            assertEquals("CPU", auto.provider());
            assertTrue(auto.reason().startsWith("CUDA provider present but GPU 3 unusable"), auto.reason());
        } finally {
            auto.options().close();
        }
    }

}
