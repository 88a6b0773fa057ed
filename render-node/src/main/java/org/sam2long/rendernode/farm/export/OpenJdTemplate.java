package org.sam2long.rendernode.farm.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An Open Job Description job template ({@code specificationVersion: jobtemplate-2023-09}, JSON).
 * Job parameters hold the command and the paths (PATH parameters, so a farm's path mapping applies),
 * their defaults the shot's resolved values. One step per object, each depending on the one before
 * (the objects share the output folder's lock), each running {@code sam2long track --object ID}.
 * A multi-layer shot ({@code output.exrLayers}) adds a last step, {@code sam2long merge}, that depends
 * on every object step; its object steps write parts ({@code track --part}).
 * Cancelling sends SIGTERM first, which {@code track} answers by settling its folder (exit 3).
 */
public final class OpenJdTemplate {
    /** The template's {@code specificationVersion}. */
    public static final String VERSION = "jobtemplate-2023-09";
    /** The name of the merge step of a multi-layer shot (no object step's name starts with it). */
    static final String MERGE_STEP = "merge layers";
    /** Seconds between SIGTERM and SIGKILL when the farm cancels a step. */
    static final int NOTIFY_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenJdTemplate() {}

    /** The template file's name and text. */
    public static Map<String, String> files(ExportedShot shot) {
        ObjectNode t = JSON.createObjectNode();
        t.put("specificationVersion", VERSION);
        t.put("name", limit(("sam2long " + shot.stem()).replace("{{", "{ {").replaceAll("\\p{Cc}", " "), 128));
        t.put("description", limit(shot.summary(), 2048));
        ArrayNode params = t.putArray("parameterDefinitions");
        param(params, "Sam2long", "STRING", "The sam2long command on the render nodes.", shot.executable(), null, null);
        param(params, "ShotFile", "PATH", "The shot document.", shot.shotFile().toString(), "FILE", "IN");
        param(params, "Plate", "PATH", "The plate (video file or image sequence pattern).", shot.input(), null, null);
        param(params, "OutputFolder", "PATH", "Where the mattes go.", shot.out(), "DIRECTORY", "OUT");
        ArrayNode steps = t.putArray("steps");
        String previous = null;
        for (ExportedShot.ObjectRun o : shot.objects()) {
            ObjectNode step = steps.addObject();
            String name = stepName(o);
            step.put("name", name);
            step.put("description", limit("Track object " + o.id() + " (" + o.name() + ") of " + shot.shotFile().getFileName(), 2048));
            if (previous != null) {
                step.putArray("dependencies").addObject().put("dependsOn", previous);
            }
            ObjectNode run = step.putObject("script").putObject("actions").putObject("onRun");
            run.put("command", "{{Param.Sam2long}}");
            ArrayNode args = run.putArray("args");
            ExportedShot.trackArgs("{{Param.ShotFile}}", String.valueOf(o.id()), "{{Param.Plate}}", "{{Param.OutputFolder}}",
                    shot.layered()).forEach(args::add);
            run.putObject("cancelation").put("mode", "NOTIFY_THEN_TERMINATE").put("notifyPeriodInSeconds", NOTIFY_SECONDS);
            previous = name;
        }
        if (shot.layered()) {
            ObjectNode step = steps.addObject();
            step.put("name", MERGE_STEP);
            step.put("description", limit("Merge every object's part into the multi-layer EXR files of "
                    + shot.shotFile().getFileName(), 2048));
            ArrayNode deps = step.putArray("dependencies");
            for (ExportedShot.ObjectRun o : shot.objects()) {
                deps.addObject().put("dependsOn", stepName(o));
            }
            ObjectNode run = step.putObject("script").putObject("actions").putObject("onRun");
            run.put("command", "{{Param.Sam2long}}");
            ArrayNode args = run.putArray("args");
            ExportedShot.mergeArgs("{{Param.ShotFile}}", "{{Param.Plate}}", "{{Param.OutputFolder}}").forEach(args::add);
            run.putObject("cancelation").put("mode", "NOTIFY_THEN_TERMINATE").put("notifyPeriodInSeconds", NOTIFY_SECONDS);
        }
        try {
            return Map.of(shot.stem() + ".template.json", JSON.writeValueAsString(t) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** A step name: unique per object (the id leads), at most 64 characters, no control characters. */
    static String stepName(ExportedShot.ObjectRun o) {
        return limit(("track object " + o.id() + " " + o.name()).replaceAll("\\p{Cc}", " "), 64);
    }

    private static void param(ArrayNode params, String name, String type, String description, String value,
            String objectType, String dataFlow) {
        if (value.length() > 1024) {
            throw new org.sam2long.rendernode.input.BadInputException("OpenJD job parameters hold at most 1024 characters;"
                    + " the " + name + " value is " + value.length() + " long: " + value.substring(0, 60) + "...");
        }
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("type", type);
        p.put("description", description);
        if (objectType != null) {
            p.put("objectType", objectType);
        }
        if (dataFlow != null) {
            p.put("dataFlow", dataFlow);
        }
        p.put("default", value);
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
