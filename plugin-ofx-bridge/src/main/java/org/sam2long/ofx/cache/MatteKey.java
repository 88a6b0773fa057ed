package org.sam2long.ofx.cache;

/**
 * Where one matte lives in the cache: the instance's id (a hidden parameter, stable across saves),
 * the results version it belongs to, the object and the host frame number.
 */
public record MatteKey(String instance, int version, int objectId, int frame) {
    public MatteKey {
        if (instance == null || !instance.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("cache instance id must be 1-64 letters, digits, '-' or '_', got " + instance);
        }
    }
}
