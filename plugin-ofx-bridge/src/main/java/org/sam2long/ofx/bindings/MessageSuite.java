package org.sam2long.ofx.bindings;

import com.sun.jna.Pointer;

/**
 * OfxMessageSuite v2 (v1 when that is all the host has); the varargs calls go through shim helpers.
 * A host without a message suite gets the messages on stderr ({@link #stderrOnly()}).
 */
public final class MessageSuite {
    private static final int CLEAR_PERSISTENT = 2;

    private final SuiteTable t;
    private final Pointer self;
    private final int version;

    MessageSuite(long address, int version) {
        this.t = new SuiteTable("OfxMessageSuite v" + version, address, version >= 2 ? 3 : 1);
        this.self = new Pointer(address);
        this.version = version;
    }

    private MessageSuite() {
        this.t = null;
        this.self = null;
        this.version = 0;
    }

    /** For a host that offers no message suite: every message goes to stderr. */
    static MessageSuite stderrOnly() { return new MessageSuite(); }

    /** Posts a message ({@link Ofx#MESSAGE_ERROR} etc.) about {@code handle} (0 = the plug-in in general). */
    public int message(long handle, String type, String id, String text) {
        if (version == 0) {
            System.err.println("SAM2Long Roto [" + type + "] " + text);
            return OfxStatus.OK;
        }
        return NativeShim.helper("s2l_message").invokeInt(new Object[] {self, SuiteTable.ptr(handle), type, id, text});
    }

    /** A message that stays on the effect until cleared; falls back to a plain message on v1 hosts. */
    public int setPersistent(long effect, String type, String id, String text) {
        if (version < 2) {
            return message(effect, type, id, text);
        }
        return NativeShim.helper("s2l_persistent_message")
                .invokeInt(new Object[] {self, SuiteTable.ptr(effect), type, id, text});
    }

    public void clearPersistent(long effect) {
        if (version >= 2) {
            t.callInt(CLEAR_PERSISTENT, SuiteTable.ptr(effect));
        }
    }
}
