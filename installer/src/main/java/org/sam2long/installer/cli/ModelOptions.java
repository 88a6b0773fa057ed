package org.sam2long.installer.cli;

import java.nio.file.Path;
import org.sam2long.installer.models.InstallerConfig;
import org.sam2long.installer.models.ModelRegistry;
import org.sam2long.installer.util.InstallerEnvironment;
import picocli.CommandLine.Option;

/** Options shared by the {@code models} subcommands. */
final class ModelOptions {
    @Option(names = "--models-dir", paramLabel = "<dir>",
            description = "Shared models folder (default: $SAM2LONG_MODELS, else ~/.local/share/sam2long/models).")
    Path modelsDir;

    @Option(names = "--base-url", paramLabel = "<url>",
            description = "Mirror holding the registry's files by name (default: $SAM2LONG_MODEL_BASE_URL, the config's modelBaseUrl, else the official URLs).")
    String baseUrl;

    @Option(names = "--registry", paramLabel = "<file|url>",
            description = "A further registry.json (e.g. a studio's exported models; default: $SAM2LONG_MODEL_REGISTRY or the config's modelRegistry).")
    String registry;

    Path root(InstallerEnvironment env) {
        return modelsDir != null ? modelsDir : env.modelsRoot();
    }

    ModelRegistry registry(InstallerEnvironment env) {
        InstallerConfig cfg = InstallerConfig.resolve(env).override(baseUrl, registry, null);
        return ModelRegistry.load(cfg.modelRegistry(), cfg.modelBaseUrl());
    }
}
