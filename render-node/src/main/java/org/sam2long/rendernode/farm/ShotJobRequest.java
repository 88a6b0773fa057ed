package org.sam2long.rendernode.farm;

import java.util.List;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One queued piece of a shot, data only (JobRunr stores it as JSON): the shot document's text exactly
 * as submitted and its SHA-256, the plate and output folder resolved at submit time, the objects this
 * job tracks, and the preset resolved at submit time (name, format version and every value), so every
 * worker tracks with the same settings whatever presets it has installed. Never engine objects.
 *
 * @param shotName     the shot file's name, for messages
 * @param shotText     the shot document as submitted
 * @param shotSha256   SHA-256 of {@code shotText} (UTF-8), hex
 * @param input        the plate (absolute), from the shot's source
 * @param out          the output folder (absolute), from the shot's output
 * @param objectIds    the shot's objects this job tracks
 * @param presetName   the resolved preset's name
 * @param presetVersion the preset format version it was resolved with
 * @param presetJson   the resolved preset (every value), as {@code ResolvedPreset.toJson()} writes it
 * @param shotId       the shot document's {@code id}, or null (jobs queued before shot ids have none)
 */
public record ShotJobRequest(String shotName, String shotText, String shotSha256, String input, String out,
        List<Integer> objectIds, String presetName, int presetVersion, String presetJson, String shotId) implements JobRequest {

    /**
     * What makes two submissions the same shot (an edited shot replaces its earlier jobs): the shot
     * document's {@code id} when it has one, else its plate and output folder together (as resolved at
     * submit). Never the file name alone, which two projects may share.
     */
    public String identity() {
        return shotId != null ? "id " + shotId : "plate " + input + " into " + out;
    }

    /** How {@code farm submit} names the identity, in words. */
    public String describeIdentity() {
        return shotId != null ? "its id '" + shotId + "'"
                : "its plate and output folder (" + input + " -> " + out + "; the document has no \"id\")";
    }

    @Override
    public Class<ShotJobHandler> getJobRequestHandler() {
        return ShotJobHandler.class;
    }
}
