package org.sam2long.ofx.bindings;

import com.sun.jna.ptr.IntByReference;

/** OfxMultiThreadSuiteV1, the parts the plug-in uses: CPU count and whether this is a host SMP thread. */
public final class MultiThreadSuite {
    private static final int NUM_CPUS = 1, IS_SPAWNED_THREAD = 3;

    private final SuiteTable t;

    MultiThreadSuite(long address) { t = new SuiteTable("OfxMultiThreadSuite v1", address, 9); }

    public int cpuCount() {
        IntByReference out = new IntByReference();
        OfxStatus.check(t.callInt(NUM_CPUS, out), "multiThreadNumCPUs");
        return out.getValue();
    }

    public boolean isSpawnedThread() { return t.callInt(IS_SPAWNED_THREAD) != 0; }
}
