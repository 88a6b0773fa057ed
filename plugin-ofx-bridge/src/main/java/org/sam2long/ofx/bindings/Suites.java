package org.sam2long.ofx.bindings;

import java.util.Optional;

/**
 * Every host suite the plug-in uses, fetched once from the OfxHost given to setHost. Property,
 * image effect and parameter suites are required; the others are optional (without a message suite
 * messages go to stderr).
 */
public final class Suites {
    private final PropertySet hostProperties;
    private final PropertySuite property;
    private final ImageEffectSuite imageEffect;
    private final ParameterSuite parameter;
    private final MemorySuite memory;
    private final MessageSuite message;
    private final ProgressSuite progress;
    private final MultiThreadSuite multiThread;
    private final InteractSuite interact;
    private final DrawSuite draw;
    private final HostCapabilities capabilities;

    private Suites(Host host) {
        property = new PropertySuite(host.fetch(Ofx.PROPERTY_SUITE, 1));
        hostProperties = new PropertySet(property, host.properties());
        imageEffect = new ImageEffectSuite(host.fetch(Ofx.IMAGE_EFFECT_SUITE, 1), property);
        parameter = new ParameterSuite(host.fetch(Ofx.PARAMETER_SUITE, 1), property);
        long mem = host.fetch(Ofx.MEMORY_SUITE, 1);
        memory = mem != 0 ? new MemorySuite(mem) : null;
        long m2 = host.fetch(Ofx.MESSAGE_SUITE, 2);
        long m1 = m2 != 0 ? 0 : host.fetch(Ofx.MESSAGE_SUITE, 1);
        message = m2 != 0 ? new MessageSuite(m2, 2) : m1 != 0 ? new MessageSuite(m1, 1) : MessageSuite.stderrOnly();
        long p2 = host.fetch(Ofx.PROGRESS_SUITE, 2);
        long p1 = p2 != 0 ? 0 : host.fetch(Ofx.PROGRESS_SUITE, 1);
        progress = p2 != 0 ? new ProgressSuite(p2, 2) : p1 != 0 ? new ProgressSuite(p1, 1) : null;
        long mt = host.fetch(Ofx.MULTI_THREAD_SUITE, 1);
        multiThread = mt != 0 ? new MultiThreadSuite(mt) : null;
        long in = host.fetch(Ofx.INTERACT_SUITE, 1);
        interact = in != 0 ? new InteractSuite(in, property) : null;
        long dr = host.fetch(Ofx.DRAW_SUITE, 1);
        draw = dr != 0 ? new DrawSuite(dr) : null;
        capabilities = HostCapabilities.read(hostProperties, draw != null, multiThread != null);
    }

    /** Reads the OfxHost at {@code hostAddress} and fetches the suites; throws if a required one is missing. */
    public static Suites fromHost(long hostAddress) {
        return new Suites(new Host(hostAddress));
    }

    public PropertySet hostProperties() { return hostProperties; }
    public PropertySuite property() { return property; }
    public ImageEffectSuite imageEffect() { return imageEffect; }
    public ParameterSuite parameter() { return parameter; }
    public Optional<MemorySuite> memory() { return Optional.ofNullable(memory); }
    public MessageSuite message() { return message; }
    public Optional<ProgressSuite> progress() { return Optional.ofNullable(progress); }
    public Optional<MultiThreadSuite> multiThread() { return Optional.ofNullable(multiThread); }
    public Optional<InteractSuite> interact() { return Optional.ofNullable(interact); }
    public Optional<DrawSuite> draw() { return Optional.ofNullable(draw); }
    public HostCapabilities capabilities() { return capabilities; }

    /** A property set handle seen through the property suite. */
    public PropertySet properties(long handle) { return new PropertySet(property, handle); }
}
