package org.sam2long.rendernode.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import com.google.inject.Inject;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.rendernode.shot.TrackJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long demo}: the whole job on the bundled sample clip with the bundled demo model. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Track the bundled sample clip with the bundled demo model; writes mattes and previews.")
public final class DemoCommand implements Callable<Integer> {
    private final PresetLibrary presets;

    @Inject
    DemoCommand(PresetLibrary presets) {
        this.presets = presets;
    }
    static final String CLIP = "sample/orbit.mp4";
    static final String PROMPTS = "sample/orbit.prompts.json";

    @Option(names = {"-o", "--out"}, defaultValue = "out/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--pathways", defaultValue = "3", description = "Memory-tree pathways (default: ${DEFAULT-VALUE}).")
    int pathways;

    @Override
    public Integer call() throws Exception {
        Path clip = extract(CLIP);
        String prompts = new String(resource(PROMPTS).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.println("sample clip " + clip + " (" + CLIP + "), bundled demo model sam2long-demo");
        var preset = presets.resolveDefault(
                Overrides.of("model.name=sam2long-demo", "tracking.pathways=" + pathways));
        // the demo always replaces its own earlier output
        return TrackCommand.run(new TrackJob.Request(clip.toString(), ShotDocumentReader.parse(prompts, PROMPTS), preset, out,
                true, true));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the sample " + name + " is missing from the sam2long jar");
        }
        return in;
    }

    static Path extract(String name) throws IOException {
        Path dir = Files.createTempDirectory("sam2long-sample");
        Path file = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = resource(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }
}
