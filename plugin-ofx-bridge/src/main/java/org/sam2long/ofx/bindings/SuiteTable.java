package org.sam2long.ofx.bindings;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A host suite: a C struct of function pointers, read once. Calls go through JNA {@link Function}s
 * by slot index, in the order the slots are declared in the OFX header.
 */
final class SuiteTable {
    private final String name;
    private final Function[] slots;

    SuiteTable(String name, long address, int slotCount) {
        if (address == 0) {
            throw new OfxException(OfxStatus.ERR_MISSING_HOST_FEATURE, "the host does not provide " + name);
        }
        this.name = name;
        this.slots = new Function[slotCount];
        Pointer table = new Pointer(address);
        for (int i = 0; i < slotCount; i++) {
            Pointer fn = table.getPointer((long) i * Native.POINTER_SIZE);
            slots[i] = fn == null ? null : Function.getFunction(fn);
        }
    }

    int callInt(int slot, Object... args) {
        return slot(slot).invokeInt(args);
    }

    Pointer callPointer(int slot, Object... args) {
        return slot(slot).invokePointer(args);
    }

    private Function slot(int slot) {
        Function f = slots[slot];
        if (f == null) {
            throw new OfxException(OfxStatus.ERR_MISSING_HOST_FEATURE, name + " has no function in slot " + slot);
        }
        return f;
    }

    static Pointer ptr(long handle) { return handle == 0 ? null : new Pointer(handle); }

    static long addr(Pointer p) { return Pointer.nativeValue(p); }
}
