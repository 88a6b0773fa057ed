package org.sam2long.ofx.effect;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.Suites;

/**
 * What the native shim calls (JNI, static methods with the raw pointers as longs). This is the one
 * place where exceptions from plug-in code stop: they become an OFX status and a message to the
 * host, never an unwinding into host code. It is also where the plug-in is wired (Guice, as the
 * command line is): one {@link PluginModule} injector per process, a {@link HostModule} child per setHost.
 */
public final class OfxEntry {
    private static Injector process;
    private static volatile RotoPlugin plugin;
    private static volatile Throwable setHostFailure;

    private OfxEntry() {}

    /** OfxPlugin.setHost: reads the host's suites. Called again after a host unload/reload. */
    public static int setHost(long host) {
        try {
            Suites suites = Suites.fromHost(host);
            plugin = processInjector().createChildInjector(new HostModule(suites)).getInstance(RotoPlugin.class);
            setHostFailure = null;
            return OfxStatus.OK;
        } catch (Throwable t) {
            setHostFailure = t;
            ErrorReport.log("setHost", t);
            return OfxStatus.FAILED;
        }
    }

    /** The process-wide injector, made on the first setHost (the VM outlives unloads of the plug-in). */
    private static synchronized Injector processInjector() {
        if (process == null) {
            process = Guice.createInjector(new PluginModule());
        }
        return process;
    }

    /** OfxPlugin.mainEntry. */
    public static int mainEntry(String actionId, long handle, long inArgs, long outArgs) {
        return call(false, actionId, handle, inArgs, outArgs);
    }

    /** The overlay interact's entry point (published in describe). */
    public static int overlayEntry(String actionId, long handle, long inArgs, long outArgs) {
        return call(true, actionId, handle, inArgs, outArgs);
    }

    /** The catch point: every action of the plug-in and its overlay goes through here. */
    private static int call(boolean overlay, String actionId, long handle, long inArgs, long outArgs) {
        RotoPlugin p = plugin;
        Action action = Action.of(actionId);
        if (p == null) {
            ErrorReport.log(actionId, setHostFailure != null ? setHostFailure : new IllegalStateException("setHost was not called"));
            return OfxStatus.FAILED;
        }
        ActionCall c = new ActionCall(action, handle, p.suites().properties(inArgs), p.suites().properties(outArgs));
        long effect = handle;
        try {
            if (overlay) {
                effect = p.overlayEffect(c);
                return p.dispatchOverlay(c);
            }
            return p.dispatch(c);
        } catch (OfxException e) {
            p.errors().report(action, effect, e);
            return e.status() == OfxStatus.OK ? OfxStatus.FAILED : e.status();
        } catch (Throwable t) {
            p.errors().report(action, effect, t);
            return t instanceof OutOfMemoryError ? OfxStatus.ERR_MEMORY : OfxStatus.FAILED;
        }
    }
}
