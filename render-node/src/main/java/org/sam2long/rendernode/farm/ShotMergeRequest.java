package org.sam2long.rendernode.farm;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The last job of a shot whose output is multi-layer EXR ({@code output.exrLayers}): it merges the
 * parts every object job left ({@link LayerParts}) into the layered files. Data only, like
 * {@link ShotJobRequest}; queued by the object job that completes the last part.
 *
 * @param shotName      the shot file's name, for messages
 * @param shotText      the shot document as submitted
 * @param shotSha256    SHA-256 of {@code shotText} (UTF-8), hex
 * @param input         the plate (absolute)
 * @param out           the output folder (absolute)
 * @param presetName    the resolved preset's name
 * @param presetVersion the preset format version it was resolved with
 * @param presetJson    the resolved preset (every value)
 * @param shotId        the shot document's {@code id}, or null (see {@link ShotJobRequest#shotId()})
 */
public record ShotMergeRequest(String shotName, String shotText, String shotSha256, String input, String out,
        String presetName, int presetVersion, String presetJson, String shotId) implements JobRequest {

    /** The merge of the shot an object job's request belongs to. */
    public static ShotMergeRequest of(ShotJobRequest r) {
        return new ShotMergeRequest(r.shotName(), r.shotText(), r.shotSha256(), r.input(), r.out(), r.presetName(),
                r.presetVersion(), r.presetJson(), r.shotId());
    }

    /** The shot this merge belongs to, as {@link ShotJobRequest#identity()} says it. */
    public String identity() {
        return shotId != null ? "id " + shotId : "plate " + input + " into " + out;
    }

    @Override
    public Class<ShotMergeHandler> getJobRequestHandler() {
        return ShotMergeHandler.class;
    }
}
