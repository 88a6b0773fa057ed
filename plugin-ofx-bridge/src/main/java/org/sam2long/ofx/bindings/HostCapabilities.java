package org.sam2long.ofx.bindings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the host says it can do, read once from its property set and suites. Every read is
 * tolerant: a property the host does not have (or refuses) gives the OFX default, never an error,
 * because hosts implement different subsets of OFX 1.4/1.5.
 *
 * @param name            the host's kOfxPropName, or "" if it has none
 * @param apiMajor        kOfxPropAPIVersion[0] (1 if absent)
 * @param apiMinor        kOfxPropAPIVersion[1] (0 if absent)
 * @param overlays        kOfxImageEffectPropSupportsOverlays (true if absent, the OFX default)
 * @param drawSuite       the host offers the OFX 1.5 draw suite (overlays through OverlayInteractV2)
 * @param openGlRender    kOfxImageEffectPropOpenGLRenderSupported is "true" or "needed"
 * @param multiThread     the host offers the multithread suite
 * @param pixelDepths     kOfxImageEffectPropSupportedPixelDepths (empty if the host does not say)
 * @param components      kOfxImageEffectPropSupportedComponents (empty if the host does not say)
 */
public record HostCapabilities(String name, int apiMajor, int apiMinor, boolean overlays, boolean drawSuite,
                               boolean openGlRender, boolean multiThread, List<String> pixelDepths,
                               List<String> components) {

    static HostCapabilities read(PropertySet host, boolean drawSuite, boolean multiThread) {
        String gl = string(host, Ofx.OPENGL_RENDER_SUPPORTED, "false");
        return new HostCapabilities(string(host, Ofx.PROP_NAME, ""), integer(host, Ofx.API_VERSION, 0, 1),
                integer(host, Ofx.API_VERSION, 1, 0), integer(host, Ofx.SUPPORTS_OVERLAYS, 0, 1) != 0, drawSuite,
                gl.equals("true") || gl.equals("needed"), multiThread, strings(host, Ofx.SUPPORTED_PIXEL_DEPTHS),
                strings(host, Ofx.SUPPORTED_COMPONENTS));
    }

    /** True unless the host lists its components and Alpha is not among them. */
    public boolean supportsAlphaImages() {
        return components.isEmpty() || components.contains(Ofx.COMPONENT_ALPHA);
    }

    /** One line for the log: what the plug-in will use in this host. */
    public String summary() {
        return "host \"" + name + "\" (OFX " + apiMajor + "." + apiMinor + "): overlay "
                + (!overlays ? "none (the host draws no overlays)" : drawSuite ? "through the draw suite" : "through OpenGL")
                + ", multithread suite " + (multiThread ? "yes" : "no") + ", OpenGL render " + (openGlRender ? "yes" : "no")
                + ", pixel depths " + (pixelDepths.isEmpty() ? "unstated" : String.join(" ", pixelDepths))
                + ", components " + (components.isEmpty() ? "unstated" : String.join(" ", components));
    }

    private static String string(PropertySet p, String name, String fallback) {
        try {
            return p.has(name) ? p.getString(name) : fallback;
        } catch (OfxException e) {
            return fallback;
        }
    }

    private static int integer(PropertySet p, String name, int index, int fallback) {
        try {
            return p.has(name) && p.dimension(name) > index ? p.suite().getInt(p.handle(), name, index) : fallback;
        } catch (OfxException e) {
            return fallback;
        }
    }

    private static List<String> strings(PropertySet p, String name) {
        List<String> out = new ArrayList<>();
        try {
            int n = p.has(name) ? p.dimension(name) : 0;
            for (int i = 0; i < n; i++) {
                out.add(p.getString(name, i));
            }
        } catch (OfxException e) {
            // a host that lists the property but refuses a value: keep what was read
        }
        return List.copyOf(out);
    }
}
