package org.sam2long.installer.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.installer.util.InstallerException;

/**
 * Installer settings, each from (first wins) its command-line option, its environment variable, the
 * user's {@code ~/.config/sam2long/installer.json}, the site's {@code /etc/sam2long/installer.json}:
 * <ul>
 *   <li>{@code modelBaseUrl} / {@code SAM2LONG_MODEL_BASE_URL}: a mirror holding the registry's files by name</li>
 *   <li>{@code modelRegistry} / {@code SAM2LONG_MODEL_REGISTRY}: a further registry (file or URL)</li>
 *   <li>{@code farmDb} / {@code SAM2LONG_DB}: the farm database URL that {@code doctor} checks</li>
 * </ul>
 */
public record InstallerConfig(String modelBaseUrl, String modelRegistry, String farmDb) {
    private static final Set<String> KEYS = Set.of("modelBaseUrl", "modelRegistry", "farmDb");
    static final Path SITE_CONFIG = Path.of("/etc/sam2long/installer.json");

    public static InstallerConfig resolve(InstallerEnvironment env) {
        return resolve(env, SITE_CONFIG);
    }

    static InstallerConfig resolve(InstallerEnvironment env, Path siteConfig) {
        JsonNode user = read(env.userConfigDir().resolve("installer.json"));
        JsonNode site = read(siteConfig);
        return new InstallerConfig(
                pick(env.get("SAM2LONG_MODEL_BASE_URL"), user, site, "modelBaseUrl"),
                pick(env.get("SAM2LONG_MODEL_REGISTRY"), user, site, "modelRegistry"),
                pick(env.get("SAM2LONG_DB"), user, site, "farmDb"));
    }

    /** A copy with the non-null arguments (command-line options) taking precedence. */
    public InstallerConfig override(String baseUrl, String registry, String db) {
        return new InstallerConfig(baseUrl != null ? baseUrl : modelBaseUrl, registry != null ? registry : modelRegistry,
                db != null ? db : farmDb);
    }

    private static String pick(String envValue, JsonNode user, JsonNode site, String key) {
        if (envValue != null) {
            return envValue;
        }
        for (JsonNode n : new JsonNode[] {user, site}) {
            if (n != null && n.hasNonNull(key) && !n.get(key).asText().isBlank()) {
                return n.get(key).asText();
            }
        }
        return null;
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new InstallerException("config file " + file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new InstallerException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new InstallerException("config file " + file + " must hold a JSON object such as {\"modelBaseUrl\": \"https://mirror/models/\"}");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new InstallerException("config file " + file + " has an unknown field '" + k + "' (known: modelBaseUrl, modelRegistry, farmDb)");
            }
            if (!n.get(k).isTextual()) {
                throw new InstallerException("config file " + file + ": field '" + k + "' must be a string");
            }
        }
        return n;
    }
}
