package org.sam2long.installer.models;

/**
 * One model the installer knows: {@code bundled} (inside the engine jar), {@code official-checkpoint}
 * (Meta's {@code .pt}, to be converted), or {@code model-archive} (an exported model folder as
 * {@code .zip} or {@code .tar.gz}, e.g. on a studio mirror).
 */
public record RegistryEntry(String name, String kind, String url, String sha256, Long sizeBytes,
                            String config, String description, String source) {
    public static final String BUNDLED = "bundled";
    public static final String CHECKPOINT = "official-checkpoint";
    public static final String ARCHIVE = "model-archive";

    /** The last segment of the URL path: the download's file name. */
    public String fileName() {
        String path = url;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public RegistryEntry withUrl(String newUrl) {
        return new RegistryEntry(name, kind, newUrl, sha256, sizeBytes, config, description, source);
    }
}
