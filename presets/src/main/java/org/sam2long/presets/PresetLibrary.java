package org.sam2long.presets;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Finds and resolves presets. Lookup order, lowest precedence first: built-in, then the site
 * directories, then the user directory, then an explicit file. A lookup by name takes the latest
 * one; a preset's {@code extends} looks only at its own layer and earlier ones, so a preset may
 * extend one of the same name from an earlier layer (a studio's {@code production.json} can extend
 * the built-in {@code production}). Site directories follow PATH rules: the first listed wins.
 * Directories are read on every call, so edits show up without a restart.
 *
 * <pre>
 * ResolvedPreset p = PresetLibrary.fromEnvironment().resolve("production", Overrides.of("tracking.pathways=4"));
 * TreeSettings tree = p.tree();
 * </pre>
 */
public final class PresetLibrary {
    /** The preset used when the user names none, and the root every preset extends. */
    public static final String DEFAULT_PRESET = "default";
    /** Environment variable with the site preset directories, separated like PATH. */
    public static final String PATH_ENV = "SAM2LONG_PRESET_PATH";
    /** System property that, when set, is used instead of {@link #PATH_ENV}. */
    public static final String PATH_PROPERTY = "sam2long.preset.path";

    private final List<Path> siteDirectories;
    private final Path userDirectory;

    /**
     * @param siteDirectories studio-wide preset directories, highest precedence first (may be empty)
     * @param userDirectory   the user's preset directory, or null for none
     */
    public PresetLibrary(List<Path> siteDirectories, Path userDirectory) {
        this.siteDirectories = siteDirectories.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.userDirectory = userDirectory == null ? null : userDirectory.toAbsolutePath().normalize();
    }

    /** Only the built-in presets. */
    public static PresetLibrary builtInOnly() {
        return new PresetLibrary(List.of(), null);
    }

    /**
     * Site directories from {@value #PATH_PROPERTY} or {@value #PATH_ENV}; user directory
     * {@code $XDG_CONFIG_HOME/sam2long/presets} or {@code ~/.config/sam2long/presets}.
     */
    public static PresetLibrary fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    static PresetLibrary fromEnvironment(Map<String, String> env, Properties properties) {
        String path = properties.getProperty(PATH_PROPERTY, env.get(PATH_ENV));
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(properties.getProperty("user.home"), ".config");
        return new PresetLibrary(parsePath(path), config.resolve("sam2long").resolve("presets"));
    }

    /** Splits a PATH-style list; blank entries are skipped. */
    static List<Path> parsePath(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
    }

    /** Site directories, highest precedence first. */
    public List<Path> siteDirectories() {
        return siteDirectories;
    }

    public Optional<Path> userDirectory() {
        return Optional.ofNullable(userDirectory);
    }

    /** Where presets are looked for, lowest precedence first, for messages and {@code presets list}. */
    public List<String> searchPath() {
        return layers().stream().map(PresetLayer::describe).toList();
    }

    /** Every preset in every layer, sorted by name, then latest layer first; shadowed ones say by what. */
    public List<PresetEntry> list() {
        List<PresetLayer> layers = layers();
        List<PresetEntry> entries = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            for (PresetLocation loc : layers.get(i).entries().values()) {
                PresetSource winner = new PresetResolver(layers).find(loc.name(), layers.size() - 1, null).source();
                entries.add(new PresetEntry(loc.name(), loc.source(), descriptionOf(loc),
                        winner.equals(loc.source()) ? null : winner));
            }
        }
        entries.sort(Comparator.comparing(PresetEntry::name));
        return entries;
    }

    /** Names a lookup can find, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        layers().forEach(l -> names.addAll(l.entries().keySet()));
        return List.copyOf(names);
    }

    /** {@link #resolve(String, Overrides)} without overrides. */
    public ResolvedPreset resolve(String nameOrFile) {
        return resolve(nameOrFile, Overrides.none());
    }

    /**
     * Resolves a preset by name, or a preset file when {@code nameOrFile} ends in {@code .json} or
     * contains a path separator, then applies {@code overrides}.
     *
     * @throws PresetException listing every problem found; nothing is returned half-applied
     */
    public ResolvedPreset resolve(String nameOrFile, Overrides overrides) {
        if (isFileReference(nameOrFile)) {
            return resolveFile(Path.of(nameOrFile), overrides);
        }
        List<PresetLayer> layers = layers();
        PresetResolver resolver = new PresetResolver(layers);
        PresetLocation loc = resolver.find(nameOrFile, layers.size() - 1, null);
        if (loc == null) {
            List<String> names = names();
            throw new PresetException("preset '" + nameOrFile + "'", List.of(new Problem("",
                    "no such preset" + Suggestions.didYouMean(nameOrFile, names) + "; available: "
                            + String.join(", ", names) + " (looked in " + String.join(", ", searchPath()) + ")", null)));
        }
        return resolver.resolve(loc, overrides);
    }

    /** The preset used when the user names none ({@value #DEFAULT_PRESET}, which a site or user file may replace). */
    public ResolvedPreset resolveDefault(Overrides overrides) {
        return resolve(DEFAULT_PRESET, overrides);
    }

    /** Resolves an explicit preset file; its {@code extends} may name any built-in, site or user preset. */
    public ResolvedPreset resolveFile(Path file, Overrides overrides) {
        if (!Files.isRegularFile(file)) {
            throw new PresetException("preset file " + file, List.of(new Problem("",
                    Files.exists(file) ? "is not a file" : "does not exist", null)));
        }
        List<PresetLayer> layers = new ArrayList<>(layers());
        PresetLayer fileLayer = PresetLayer.file(file, layers.size());
        layers.add(fileLayer);
        return new PresetResolver(layers).resolve(fileLayer.entries().values().iterator().next(), overrides);
    }

    /** True when the text names a file rather than a preset. */
    public static boolean isFileReference(String nameOrFile) {
        return nameOrFile.endsWith(".json") || nameOrFile.contains("/") || nameOrFile.contains(File.separator);
    }

    private List<PresetLayer> layers() {
        List<PresetLayer> layers = new ArrayList<>();
        layers.add(PresetLayer.builtIn());
        for (int i = siteDirectories.size() - 1; i >= 0; i--) {
            layers.add(PresetLayer.directory(PresetSource.Kind.SITE, siteDirectories.get(i), layers.size()));
        }
        if (userDirectory != null) {
            layers.add(PresetLayer.directory(PresetSource.Kind.USER, userDirectory, layers.size()));
        }
        return layers;
    }

    private static String descriptionOf(PresetLocation loc) {
        PresetDocument doc = loc.read();
        if (doc.description() != null) {
            return doc.description();
        }
        return doc.problems().isEmpty() ? "" : "(has problems: run sam2long presets validate)";
    }
}
