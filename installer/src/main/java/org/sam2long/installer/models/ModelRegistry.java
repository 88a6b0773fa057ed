package org.sam2long.installer.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sam2long.installer.util.InstallerException;

/**
 * The models {@code sam2long models} can fetch: the engine's {@code models/registry.json}, then an
 * optional extra registry (a studio's own list, same format) whose entries replace built-in ones of
 * the same name. A base URL (a mirror) replaces the folder of every remote URL, keeping the file name.
 */
public final class ModelRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of(RegistryEntry.BUNDLED, RegistryEntry.CHECKPOINT, RegistryEntry.ARCHIVE);
    private final Map<String, RegistryEntry> entries;

    private ModelRegistry(Map<String, RegistryEntry> entries) {
        this.entries = entries;
    }

    /**
     * @param extraRegistry a file path or http(s) URL of a further registry, or null
     * @param baseUrl       a mirror's base URL, or null for the registries' own URLs
     */
    public static ModelRegistry load(String extraRegistry, String baseUrl) {
        Map<String, RegistryEntry> all = new LinkedHashMap<>();
        try (InputStream in = ModelRegistry.class.getClassLoader().getResourceAsStream("models/registry.json")) {
            if (in == null) {
                throw new InstallerException("the engine jar has no models/registry.json: the installation is incomplete, reinstall sam2long");
            }
            parse(in.readAllBytes(), "the built-in registry (engine models/registry.json)", null, all);
        } catch (IOException e) {
            throw new InstallerException("cannot read the built-in model registry: " + e.getMessage(), e);
        }
        if (extraRegistry != null) {
            byte[] bytes;
            URI base;
            if (extraRegistry.startsWith("http://") || extraRegistry.startsWith("https://")) {
                base = uri(extraRegistry, "model registry URL");
                bytes = HttpDownloader.getSmall(extraRegistry);
            } else {
                Path file = Path.of(extraRegistry).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    throw new InstallerException("the model registry " + file + " does not exist (set by --registry, SAM2LONG_MODEL_REGISTRY or the config's modelRegistry)");
                }
                base = file.toUri();
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new InstallerException("cannot read the model registry " + file + ": " + e.getMessage(), e);
                }
            }
            parse(bytes, "the model registry " + extraRegistry, base, all);
        }
        if (baseUrl != null) {
            String b = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            uri(b, "model base URL");
            all.replaceAll((name, e) -> e.kind().equals(RegistryEntry.BUNDLED) ? e : e.withUrl(b + e.fileName()));
        }
        return new ModelRegistry(all);
    }

    private static void parse(byte[] bytes, String what, URI base, Map<String, RegistryEntry> into) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InstallerException(what + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InstallerException("cannot read " + what + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("models").isArray()) {
            throw new InstallerException(what + " has no 'models' list");
        }
        int i = 0;
        for (JsonNode m : root.get("models")) {
            i++;
            String name = text(m, "name", what, i);
            String kind = text(m, "kind", what, i);
            if (!KINDS.contains(kind)) {
                throw new InstallerException(what + ": model '" + name + "' has kind '" + kind + "', expected one of "
                        + String.join(", ", KINDS.stream().sorted().toList()));
            }
            String url = text(m, "url", what, i);
            String sha = m.hasNonNull("sha256") ? m.get("sha256").asText().toLowerCase(Locale.ROOT) : null;
            if (!kind.equals(RegistryEntry.BUNDLED)) {
                if (sha == null || !sha.matches("[0-9a-f]{64}")) {
                    throw new InstallerException(what + ": model '" + name + "' needs a 'sha256' of 64 hex digits");
                }
                if (base != null && !url.contains("://")) {
                    url = base.resolve(url).toString();
                }
            }
            Long size = m.hasNonNull("sizeBytes") ? m.get("sizeBytes").asLong() : null;
            String config = m.hasNonNull("config") ? m.get("config").asText() : null;
            String description = m.hasNonNull("description") ? m.get("description").asText() : "";
            into.put(name, new RegistryEntry(name, kind, url, sha, size, config, description, what));
        }
    }

    private static String text(JsonNode m, String field, String what, int index) {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InstallerException(what + ": model entry " + index + " has no '" + field + "'");
        }
        return v.asText();
    }

    private static URI uri(String s, String what) {
        try {
            URI u = new URI(s);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https") || u.getScheme().equals("file"))) {
                throw new InstallerException("the " + what + " '" + s + "' is not an http(s) or file URL");
            }
            URL ignored = u.toURL();
            return u;
        } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            throw new InstallerException("the " + what + " '" + s + "' is not a valid URL", e);
        }
    }

    public List<RegistryEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** The entry, or one sentence listing the known names. */
    public RegistryEntry get(String name) {
        RegistryEntry e = entries.get(name);
        if (e == null) {
            throw new InstallerException("unknown model '" + name + "'; known models: " + String.join(", ", entries.keySet()));
        }
        return e;
    }
}
