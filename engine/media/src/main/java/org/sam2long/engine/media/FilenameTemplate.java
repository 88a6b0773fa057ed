package org.sam2long.engine.media;

import java.nio.file.Path;
import org.sam2long.engine.matte.OutputSettings;

/**
 * Expands {@link OutputSettings#filenameTemplate()}: {@code {name}} (the object's safe name),
 * {@code {id}}, {@code {frame}} (zero-padded to the settings' padding) and {@code {ext}}. The result
 * is resolved inside the output folder and may not leave it.
 */
final class FilenameTemplate {
    private FilenameTemplate() {}

    static Path expand(Path outputDir, OutputSettings settings, String name, int id, int frameNumber)
            throws MatteWriteException {
        String frame = String.format("%0" + settings.framePadding() + "d", frameNumber);
        String rel = settings.filenameTemplate()
                .replace("{name}", name)
                .replace("{id}", Integer.toString(id))
                .replace("{frame}", frame)
                .replace("{ext}", settings.format().extension());
        Path root = outputDir.toAbsolutePath().normalize();
        Path file = root.resolve(rel).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new MatteWriteException("The file name template " + settings.filenameTemplate()
                    + " leads outside the output folder " + root + " (" + file + ").");
        }
        return file;
    }
}
