package org.sam2long.ofx.bindings;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The OfxHost struct: the host's property set and its suite fetcher. */
final class Host {
    private final long hostProps;
    private final Function fetchSuite;

    Host(long address) {
        if (address == 0) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "setHost was given a null OfxHost");
        }
        Pointer p = new Pointer(address);
        this.hostProps = SuiteTable.addr(p.getPointer(0));
        this.fetchSuite = Function.getFunction(p.getPointer(Native.POINTER_SIZE));
    }

    long properties() { return hostProps; }

    /** The suite's address, or 0 if the host does not offer that name and version. */
    long fetch(String name, int version) {
        return SuiteTable.addr(fetchSuite.invokePointer(new Object[] {SuiteTable.ptr(hostProps), name, version}));
    }
}
