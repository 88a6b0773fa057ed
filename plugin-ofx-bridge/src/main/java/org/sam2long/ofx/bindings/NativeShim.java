package org.sam2long.ofx.bindings;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * The plug-in's own native library (the .ofx shim), whose fixed-arity {@code s2l_*} helpers wrap the
 * host's varargs suite functions. Its path comes from the system property {@code sam2long.ofx.shim},
 * which the shim sets when it boots the VM.
 */
public final class NativeShim {
    public static final String PATH_PROPERTY = "sam2long.ofx.shim";
    private static volatile NativeLibrary library;

    private NativeShim() {}

    static Function helper(String name) {
        return library().getFunction(name);
    }

    private static NativeLibrary library() {
        NativeLibrary lib = library;
        if (lib == null) {
            synchronized (NativeShim.class) {
                if (library == null) {
                    String path = System.getProperty(PATH_PROPERTY);
                    if (path == null || path.isBlank()) {
                        throw new OfxException(OfxStatus.ERR_FATAL, "system property " + PATH_PROPERTY
                                + " is not set: the plug-in must be started by its OFX shim");
                    }
                    library = NativeLibrary.getInstance(path);
                }
                lib = library;
            }
        }
        return lib;
    }
}
