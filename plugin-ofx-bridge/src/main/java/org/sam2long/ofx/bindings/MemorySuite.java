package org.sam2long.ofx.bindings;

import com.sun.jna.ptr.PointerByReference;

/** OfxMemorySuiteV1: host-managed memory blocks. */
public final class MemorySuite {
    private final SuiteTable t;

    MemorySuite(long address) { t = new SuiteTable("OfxMemorySuite v1", address, 2); }

    public long alloc(long handle, long bytes) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(0, SuiteTable.ptr(handle), bytes, out), "memoryAlloc(" + bytes + ")");
        return SuiteTable.addr(out.getValue());
    }

    public void free(long block) {
        OfxStatus.check(t.callInt(1, SuiteTable.ptr(block)), "memoryFree");
    }
}
