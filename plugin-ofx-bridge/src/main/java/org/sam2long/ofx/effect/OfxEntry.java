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

    /**
     * OfxPlugin.setHost as the shim forwards it: once Java has started (on the first action that needs
     * it, never at the host's plug-in scan), and again after every later setHost (unload/reload).
     */
    public static int setHost(long host) {
        try {
            Suites suites = Suites.fromHost(host);
            System.err.println("SAM2Long Roto: " + suites.capabilities().summary());
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

    /**
     * The catch point: every action of the plug-in and its overlay goes through here, and all of its
     * work (reading the action, the property sets, the dispatch) runs inside the one try.
     */
    private static int call(boolean overlay, String actionId, long handle, long inArgs, long outArgs) {
        RotoPlugin p = plugin;
        Action action = Action.OTHER;
        long effect = handle;
        try {
            action = Action.of(actionId);
            if (p == null) {
                Throwable why = setHostFailure;
                throw new OfxException(OfxStatus.FAILED, why != null
                        ? "the plug-in could not read the host's suites: " + ErrorReport.describe(why)
                        : "the host called " + actionId + " before setHost");
            }
            ActionCall c = new ActionCall(action, handle, p.suites().properties(inArgs), p.suites().properties(outArgs));
            if (overlay) {
                effect = p.overlayEffect(c);
                return p.dispatchOverlay(c);
            }
            return p.dispatch(c);
        } catch (OfxException e) {
            report(p, action, effect, e);
            return e.status() == OfxStatus.OK ? OfxStatus.FAILED : e.status();
        } catch (Throwable t) {
            report(p, action, effect, t);
            return t instanceof OutOfMemoryError ? OfxStatus.ERR_MEMORY : OfxStatus.FAILED;
        }
    }

    /** Through the host's message suite when there is a plug-in to reach it, else to stderr; never throws. */
    private static void report(RotoPlugin p, Action action, long effect, Throwable t) {
        try {
            if (p != null) {
                p.errors().report(action, effect, t);
            } else {
                ErrorReport.log(action.name(), t);
            }
        } catch (Throwable ignored) {
            // reporting must never turn a failure into an unwinding into host code
        }
    }
}
