package org.sam2long.rendernode.shot;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.InstalledModels;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/**
 * Finds a model by what the user typed: a bundled name, an installed official name
 * ({@code $SAM2LONG_MODELS}, else {@code ~/.local/share/sam2long/models/<name>}), or a directory.
 */
public final class ModelResolver {
    private ModelResolver() {}

    /** Fails (bad input, exit 2) when {@code nameOrDir} names no model, without loading anything. */
    public static void check(String nameOrDir) {
        if (nameOrDir == null || nameOrDir.isBlank()) {
            throw new org.sam2long.rendernode.input.BadInputException("no model is named; give --model or model.name in the preset");
        }
        if (BundledModels.exists(nameOrDir)) {
            return;
        }
        Path dir = Files.isDirectory(Path.of(nameOrDir)) ? Path.of(nameOrDir) : InstalledModels.root().resolve(nameOrDir);
        if (Files.isDirectory(dir)) {
            checkManifest(dir.resolve("manifest.json"));
            return;
        }
        throw new org.sam2long.rendernode.input.BadInputException(notFound(nameOrDir));
    }

    /** The manifest is there and is a JSON object; its values are checked when the model loads. */
    private static void checkManifest(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            throw new org.sam2long.rendernode.input.BadInputException("the model directory " + manifest.getParent()
                    + " has no manifest.json; is it a model exported by engine/tooling/export_sam2?");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(org.sam2long.engine.shot.JsonText.readUtf8(manifest));
            if (n == null || !n.isObject() || !n.path("format").isTextual()) {
                throw new org.sam2long.rendernode.input.BadInputException(manifest
                        + " is not a model manifest: it must be a JSON object with a \"format\"");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new org.sam2long.rendernode.input.BadInputException(manifest + " is " + org.sam2long.engine.shot.JsonText.syntax(e));
        } catch (java.io.IOException e) {
            throw new org.sam2long.rendernode.input.BadInputException(manifest + " cannot be read: "
                    + (e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text" : "permission denied or not a file"));
        }
    }

    private static String notFound(String nameOrDir) {
        return "model '" + nameOrDir + "' is neither bundled (" + BundledModels.DEMO
                + "), nor installed in " + InstalledModels.root() + ", nor a directory: export the checkpoint with "
                + "engine/tooling/export_sam2/export_sam2.py and pass --model <directory>";
    }

    /** The model pool's key for what the user typed; throws the same sentence as {@link #open} when nothing is found. */
    public static org.sam2long.engine.model.ModelPool.Key key(String nameOrDir, RuntimeSettings runtime) {
        if (BundledModels.exists(nameOrDir)) {
            return org.sam2long.engine.model.ModelPool.Key.bundled(nameOrDir, runtime);
        }
        Path dir = Path.of(nameOrDir);
        if (Files.isDirectory(dir)) {
            return org.sam2long.engine.model.ModelPool.Key.directory(dir, runtime);
        }
        Path installed = InstalledModels.root().resolve(nameOrDir);
        if (Files.isDirectory(installed)) {
            return org.sam2long.engine.model.ModelPool.Key.directory(installed, runtime);
        }
        throw new ModelException(notFound(nameOrDir));
    }

    public static Sam2Model open(String nameOrDir, RuntimeSettings runtime) {
        if (BundledModels.exists(nameOrDir)) {
            return Sam2Model.loadBundled(nameOrDir, runtime);
        }
        Path dir = Path.of(nameOrDir);
        if (Files.isDirectory(dir)) {
            return Sam2Model.load(dir, runtime);
        }
        Path installed = InstalledModels.root().resolve(nameOrDir);
        if (Files.isDirectory(installed)) {
            return Sam2Model.load(installed, runtime);
        }
        throw new ModelException(notFound(nameOrDir));
    }
}
