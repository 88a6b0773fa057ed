package org.sam2long.ofx.bindings;

/** OfxProgressSuite v2 (v1 when that is all the host has): a progress bar with a cancel answer. */
public final class ProgressSuite {
    private static final int START = 0, UPDATE = 1, END = 2;

    private final SuiteTable t;
    private final int version;

    ProgressSuite(long address, int version) {
        this.t = new SuiteTable("OfxProgressSuite v" + version, address, 3);
        this.version = version;
    }

    public boolean start(long effect, String label, String id) {
        int status = version >= 2
                ? t.callInt(START, SuiteTable.ptr(effect), label, id)
                : t.callInt(START, SuiteTable.ptr(effect), label);
        return status == OfxStatus.OK;
    }

    /** Reports progress 0..1; false means the user asked to cancel. */
    public boolean update(long effect, double fraction) {
        return t.callInt(UPDATE, SuiteTable.ptr(effect), fraction) != OfxStatus.REPLY_NO;
    }

    public void end(long effect) {
        t.callInt(END, SuiteTable.ptr(effect));
    }
}
