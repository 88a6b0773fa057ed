package org.sam2long.rendernode.farm.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sam2long.rendernode.input.BadInputException;

/**
 * A Thinkbox Deadline job as the job info file and plugin info file pair that {@code deadlinecommand}
 * submits, for Deadline's CommandLine plugin. One job whose tasks are the shot's objects: the job's
 * "frames" are the object ids, one per task ({@code ChunkSize=1}), and the plugin's arguments put the
 * task's frame ({@code <STARTFRAME>}) after {@code --object}. {@code MachineLimit=1} and
 * {@code ConcurrentTasks=1} run the tasks one after another, since they share the output folder's lock.
 * A multi-layer shot ({@code output.exrLayers}) adds a second pair, {@code <shot>.merge.job_info.txt} and
 * {@code .merge.plugin_info.txt}: one task running {@code sam2long merge}, submitted in the same
 * {@code deadlinecommand -Multi -Dependent} call so that it waits for the tracking job (whose tasks
 * then write parts, {@code track --part}).
 */
public final class DeadlineJob {
    private DeadlineJob() {}

    /** The two files' names and texts, job info first. */
    public static Map<String, String> files(ExportedShot shot) {
        Map<String, String> job = new LinkedHashMap<>();
        job.put("Plugin", "CommandLine");
        job.put("Name", "sam2long " + shot.stem());
        job.put("BatchName", "sam2long " + shot.stem());
        job.put("Comment", shot.summary());
        job.put("Frames", shot.objects().stream().map(o -> String.valueOf(o.id())).collect(Collectors.joining(",")));
        job.put("ChunkSize", "1");
        job.put("MachineLimit", "1");
        job.put("ConcurrentTasks", "1");
        job.put("OutputDirectory0", shot.out());

        Map<String, String> plugin = new LinkedHashMap<>();
        plugin.put("Executable", shot.executable());
        List<String> args = ExportedShot.trackArgs(quoted(shot.shotFile().toString()), "<STARTFRAME>", quoted(shot.input()),
                quoted(shot.out()), shot.layered());
        plugin.put("Arguments", String.join(" ", args));
        plugin.put("StartupDirectory", shot.shotFile().getParent().toString());
        plugin.put("SingleFramesOnly", "True");

        Map<String, String> files = new LinkedHashMap<>();
        files.put(shot.stem() + ".job_info.txt", keyValues(job));
        files.put(shot.stem() + ".plugin_info.txt", keyValues(plugin));
        if (shot.layered()) {
            Map<String, String> mergeJob = new LinkedHashMap<>();
            mergeJob.put("Plugin", "CommandLine");
            mergeJob.put("Name", "sam2long " + shot.stem() + " merge");
            mergeJob.put("BatchName", "sam2long " + shot.stem());
            mergeJob.put("Comment", "Merge every object's part into the multi-layer EXR files; submit as dependent on the"
                    + " tracking job (deadlinecommand -Multi -Dependent)");
            mergeJob.put("Frames", "0");
            mergeJob.put("ChunkSize", "1");
            mergeJob.put("OutputDirectory0", shot.out());
            Map<String, String> mergePlugin = new LinkedHashMap<>();
            mergePlugin.put("Executable", shot.executable());
            mergePlugin.put("Arguments", String.join(" ", ExportedShot.mergeArgs(quoted(shot.shotFile().toString()),
                    quoted(shot.input()), quoted(shot.out()))));
            mergePlugin.put("StartupDirectory", shot.shotFile().getParent().toString());
            mergePlugin.put("SingleFramesOnly", "True");
            files.put(shot.stem() + ".merge.job_info.txt", keyValues(mergeJob));
            files.put(shot.stem() + ".merge.plugin_info.txt", keyValues(mergePlugin));
        }
        return files;
    }

    /** A path in double quotes; Deadline's one-line values cannot hold a double quote or a line break. */
    static String quoted(String path) {
        if (path.contains("\"") || path.contains("\n") || path.contains("\r")) {
            throw new BadInputException("Deadline's argument line cannot hold the path " + path.strip()
                    + " (it has a double quote or a line break); rename it");
        }
        return "\"" + path + "\"";
    }

    private static String keyValues(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v.replaceAll("[\\r\\n]+", " ")).append('\n'));
        return b.toString();
    }
}
