package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default of {@code farm work --slots} from given facts (nvidia-smi -L output as NVIDIA's tool prints it). */
class WorkerSlotsTest {
    private static final List<String> TWO_GPUS = List.of(
            "GPU 0: NVIDIA H200 (UUID: GPU-3f2a1c4e-0b7d-4c1e-9a55-1f0e2d3c4b5a)",
            "GPU 1: NVIDIA H200 (UUID: GPU-8e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190)");
    private static final List<String> ONE_GPU_WITH_MIG = List.of(
            "GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-11111111-2222-3333-4444-555555555555)",
            "  MIG 3g.20gb     Device  0: (UUID: MIG-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee)",
            "  MIG 3g.20gb     Device  1: (UUID: MIG-ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee)");

    @Test
    void onePerGpuWhenCudaIsUsable() {
        WorkerSlots.Choice c = WorkerSlots.choose(null, true, TWO_GPUS);
        assertEquals(2, c.slots());
        assertTrue(c.reason().contains("one per GPU") && c.reason().contains("2 GPUs"), c.reason());
        assertEquals(1, WorkerSlots.choose(null, true, ONE_GPU_WITH_MIG).slots(), "MIG lines are not GPUs");
    }

    @Test
    void oneOnCpu() {
        WorkerSlots.Choice none = WorkerSlots.choose(null, false, null);
        assertEquals(1, none.slots());
        assertTrue(none.reason().contains("CPU"), none.reason());
        WorkerSlots.Choice gpusButCpuBuild = WorkerSlots.choose(null, false, TWO_GPUS);
        assertEquals(1, gpusButCpuBuild.slots());
        assertTrue(gpusButCpuBuild.reason().contains("no CUDA provider"), gpusButCpuBuild.reason());
        WorkerSlots.Choice noSmi = WorkerSlots.choose(null, true, null);
        assertEquals(1, noSmi.slots());
        assertTrue(noSmi.reason().contains("nvidia-smi is not available"), noSmi.reason());
        assertEquals(1, WorkerSlots.choose(null, true, List.of("No devices found.")).slots());
    }

    @Test
    void slotIRunsOnGpuIModTheirCount() {
        assertEquals(List.of(0, 1), WorkerSlots.choose(null, true, TWO_GPUS).devices());
        assertEquals(List.of(0, 1, 0), WorkerSlots.choose(3, true, TWO_GPUS).devices(), "--slots 3 on two GPUs");
        assertEquals(List.of(0), WorkerSlots.choose(1, true, TWO_GPUS).devices());
        assertEquals(List.of(0, 0), WorkerSlots.choose(2, true, ONE_GPU_WITH_MIG).devices(), "MIG lines are not GPUs");
        assertEquals(List.of(), WorkerSlots.choose(null, false, TWO_GPUS).devices(), "no CUDA provider: no GPU");
        assertEquals(List.of(), WorkerSlots.choose(2, true, null).devices(), "no nvidia-smi: no GPU");
        assertEquals("slot 0 on GPU 0, slot 1 on GPU 1, slot 2 on GPU 0", WorkerSlots.choose(3, true, TWO_GPUS).describeDevices());
        assertEquals(null, WorkerSlots.choose(null, false, null).describeDevices());
    }

    @Test
    void aGivenCountWins() {
        WorkerSlots.Choice c = WorkerSlots.choose(3, true, TWO_GPUS);
        assertEquals(3, c.slots());
        assertEquals("as given with --slots", c.reason());
    }

    @Test
    void thisMachineGetsAValidChoice() {
        WorkerSlots.Choice c = WorkerSlots.detect(null);
        assertTrue(c.slots() >= 1, c.toString());
        if (!FarmWorker.cudaProviderAvailable()) {
            assertEquals(1, c.slots(), c.reason()); // the CPU build: whatever GPUs the machine has
        }
    }
}
