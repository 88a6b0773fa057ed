package org.sam2long.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

/**
 * The CUDA device of {@link RuntimeSettings} reaches ONNX Runtime's CUDA options and the pool's key.
 * Without a GPU (CI, the CPU build) the plumbing is shown through the real ONNX Runtime: models for
 * two devices are two pool entries, both on the CPU fallback ({@code internal.model.CudaDeviceOptionsTest}
 * shows the CUDA options call made for the requested device).
 */
class DeviceIdTest {
    @Test
    void theDeviceIsValidatedAndKept() {
        assertEquals(0, RuntimeSettings.defaults().deviceId());
        assertEquals(0, new RuntimeSettings(RuntimeSettings.Provider.CUDA, 1, 1, 7).deviceId());
        RuntimeSettings one = RuntimeSettings.defaults().withBatchBudgetMB(5).withDeviceId(1);
        assertEquals(1, one.deviceId());
        assertEquals(5, one.batchBudgetMB());
        assertEquals(1, one.withBatchBudgetMB(0).deviceId(), "the batch budget copy keeps the device");
        assertEquals("runtime.deviceId must be a CUDA device number from 0 to 63, got -1",
                assertThrows(IllegalArgumentException.class, () -> RuntimeSettings.defaults().withDeviceId(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuntimeSettings.defaults().withDeviceId(64));
    }

    @Test
    void modelsForTwoDevicesAreTwoPoolEntriesOnTheCpuFallback() {
        RuntimeSettings gpu0 = new RuntimeSettings(RuntimeSettings.Provider.AUTO, 1, 1, 0, 0);
        RuntimeSettings gpu1 = gpu0.withDeviceId(1);
        try (ModelPool pool = new ModelPool()) {
            Sam2Model a = pool.get(ModelPool.Key.bundled(BundledModels.DEMO, gpu0));
            Sam2Model b = pool.get(ModelPool.Key.bundled(BundledModels.DEMO, gpu1));
            assertNotSame(a, b, "device 1 is another key");
            assertSame(b, pool.get(ModelPool.Key.bundled(BundledModels.DEMO, new RuntimeSettings(RuntimeSettings.Provider.AUTO,
                    1, 1, 0, 1))), "equal settings are the same key");
            assertEquals(2, pool.loads());
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                assertEquals("CPU", a.provider());
                assertEquals("CPU", b.provider());
            }
            assertEquals(BundledModels.DEMO + " on AUTO device 1", ModelPool.Key.bundled(BundledModels.DEMO, gpu1).toString());
        }
    }
}
