package org.sam2long.rendernode.farm.export;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam2long farm export}: a shot as a job for a studio's own scheduler (OpenJD, Deadline, OpenCue). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a job description that tracks a shot on a studio's own farm instead of JobRunr.",
                "Each object of the shot is one 'sam2long track --shot shot.json --object ID' run with the plate and output"
                        + " folder resolved here (absolute paths, which the render nodes must see); the runs go one after"
                        + " another, since they share the output folder. The shot is checked as 'farm submit' checks it."
                        + " One file sequence per object needs no merge: every object's mattes are final when its run ends."
                        + " Multi-layer EXR output (output.exrLayers) adds a merge step after all of them: the object runs"
                        + " write parts (track --part) and 'sam2long merge --shot shot.json' writes the layered files.",
                "openjd: <shot>.template.json (Open Job Description jobtemplate-2023-09); deadline: <shot>.job_info.txt and"
                        + " <shot>.plugin_info.txt (CommandLine plugin); opencue: <shot>.opencue.xml (cuebot job spec)."})
public final class ExportCommand implements Callable<Integer> {
    /** The schedulers a shot can be exported for. */
    public enum Format { OPENJD, DEADLINE, OPENCUE }

    private final PresetLibrary presets;

    @Inject
    ExportCommand(PresetLibrary presets) {
        this.presets = presets;
    }

    @Option(names = "--format", required = true, paramLabel = "openjd|deadline|opencue", description = "The scheduler.")
    String format;

    @Parameters(paramLabel = "shot.json", description = "Shot document (docs/shot-document.md) naming its plate and output folder.")
    Path shot;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the job files (default: the shot's folder).")
    Path out;

    @Option(names = "--executable", paramLabel = "CMD", description = "The sam2long command on the render nodes (default: sam2long).")
    String executable = "sam2long";

    @Option(names = "--show", description = "OpenCue show (default: testing).")
    String show = "testing";

    @Option(names = "--user", description = "OpenCue user (default: this user).")
    String user = System.getProperty("user.name", "sam2long");

    @Override
    public Integer call() {
        Format f = format(format);
        if (executable.isBlank()) {
            throw new BadInputException("--executable is empty; give the sam2long command of the render nodes");
        }
        ExportedShot s = ExportedShot.of(shot, presets, executable);
        Map<String, String> files = switch (f) {
            case OPENJD -> OpenJdTemplate.files(s);
            case DEADLINE -> DeadlineJob.files(s);
            case OPENCUE -> OpenCueSpec.files(s, show, user);
        };
        Path dir = (out != null ? out : s.shotFile().getParent()).toAbsolutePath().normalize();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path written = write(dir, e.getKey(), e.getValue());
            System.out.println("wrote " + written);
        }
        System.out.println(s.objects().size() + " object" + (s.objects().size() == 1 ? "" : "s") + " of "
                + s.shotFile().getFileName() + (s.layered() ? " and a merge step" : "") + " as "
                + f.name().toLowerCase(Locale.ROOT) + " job; submit with "
                + switch (f) {
                    case OPENJD -> "your OpenJD scheduler (check it with 'openjd check <template>')";
                    case DEADLINE -> s.layered()
                            ? "deadlinecommand -Multi -Dependent -Job <job_info> <plugin_info> -Job <merge.job_info> <merge.plugin_info>"
                            : "deadlinecommand <job_info> <plugin_info>";
                    case OPENCUE -> "opencue.api.launchSpec(open(<spec>).read())";
                });
        return ExitCodes.OK;
    }

    /** The format named on the command line, in any case. */
    static Format format(String name) {
        try {
            return Format.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format " + name + " is not a scheduler sam2long exports to; use openjd, deadline"
                    + " or opencue");
        }
    }

    /** Writes the file under a temporary name, then renames it into place. */
    static Path write(Path dir, String name, String text) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            TextFiles.writeAtomically(target, text);
        } catch (IOException e) {
            throw new org.sam2long.rendernode.farm.FarmException(target + " could not be written", e);
        }
        return target;
    }
}
