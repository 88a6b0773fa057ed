package org.sam2long.installer.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.installer.util.Sha256;

/**
 * Checks a model folder: {@code manifest.json} of format {@code sam2long-model/1}, every listed file
 * present with the SHA-256 the manifest gives, and (deep) the engine's own loader accepting it: the
 * graphs open in ONNX Runtime and match the contract.
 */
public final class ModelCheck {
    private ModelCheck() {}

    /** The manifest's {@code name}, after checking; throws one sentence naming the file or field. */
    public static String check(Path dir, boolean deep) {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new InstallerException("model folder " + dir + " has no manifest.json");
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(Files.readAllBytes(manifestFile));
        } catch (JsonProcessingException e) {
            throw new InstallerException(manifestFile + " is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new InstallerException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        if (m == null || !ModelManifest.FORMAT.equals(m.path("format").asText(null))) {
            throw new InstallerException(manifestFile + ": field 'format' must be '" + ModelManifest.FORMAT + "'");
        }
        String name = m.path("name").asText("");
        if (name.isBlank()) {
            throw new InstallerException(manifestFile + ": field 'name' is missing");
        }
        List<String[]> files = new ArrayList<>();
        for (String g : ModelManifest.GRAPH_NAMES) {
            JsonNode graph = m.path("graphs").path(g);
            files.add(new String[] {"graphs." + g, graph.path("file").asText(null), graph.path("sha256").asText(null)});
        }
        for (String g : ModelManifest.OPTIONAL_GRAPH_NAMES) {
            JsonNode graph = m.path("graphs").path(g);
            if (!graph.isMissingNode()) {
                files.add(new String[] {"graphs." + g, graph.path("file").asText(null), graph.path("sha256").asText(null)});
            }
        }
        JsonNode host = m.path("host_tensors");
        files.add(new String[] {"host_tensors", host.path("file").asText(null), host.path("sha256").asText(null)});
        for (String[] f : files) {
            if (f[1] == null || f[2] == null) {
                throw new InstallerException(manifestFile + ": field '" + f[0] + "' needs 'file' and 'sha256'");
            }
            Path file = dir.resolve(f[1]).normalize();
            if (!file.startsWith(dir)) {
                throw new InstallerException(manifestFile + ": field '" + f[0] + ".file' points outside the model folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new InstallerException("model folder " + dir + " lacks " + f[1] + " (listed in manifest.json as " + f[0] + ")");
            }
            String actual;
            try {
                actual = Sha256.of(file);
            } catch (IOException e) {
                throw new InstallerException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (!actual.equalsIgnoreCase(f[2])) {
                throw new InstallerException(file + " has SHA-256 " + actual + " but manifest.json says " + f[2]
                        + " (damaged or edited; fetch or import the model again)");
            }
        }
        if (deep) {
            try (Sam2Model model = Sam2Model.load(dir, new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1))) {
                model.manifest();
            } catch (RuntimeException e) {
                throw new InstallerException(message(e), e);
            }
        }
        return name;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
