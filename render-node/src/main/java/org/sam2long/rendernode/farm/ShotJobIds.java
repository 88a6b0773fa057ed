package org.sam2long.rendernode.farm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Job ids that follow from what is tracked: the same shot content (and the same plate and output
 * folder it resolves to) and the same objects always give the same id, so submitting a shot twice
 * finds its jobs already queued; any edit to the shot gives new ids.
 */
public final class ShotJobIds {
    private ShotJobIds() {}

    /** SHA-256 of the bytes, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A name-based (version 3) UUID of the shot hash, the resolved paths and the object ids. */
    public static UUID of(String shotSha256, String input, String out, List<Integer> objectIds) {
        String key = "sam2long-shot-job\n" + shotSha256 + "\n" + input + "\n" + out + "\n" + objectIds;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a shot's merge job (multi-layer output): one per shot content, plate and output folder. */
    public static UUID merge(String shotSha256, String input, String out) {
        String key = "sam2long-shot-merge\n" + shotSha256 + "\n" + input + "\n" + out;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a merge request. */
    public static UUID of(ShotMergeRequest r) {
        return merge(r.shotSha256(), r.input(), r.out());
    }

    /** The id of a request. */
    public static UUID of(ShotJobRequest r) {
        return of(r.shotSha256(), r.input(), r.out(), r.objectIds());
    }
}
