package org.sam2long.installer.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.installer.util.Sha256;

/**
 * Downloads one file into a {@code .part} file and checks its SHA-256. An interrupted download keeps
 * the {@code .part}: the next attempt (in the same run, or the same command run again) asks the
 * server for the rest with an HTTP Range request. A checksum mismatch deletes the {@code .part}.
 */
public final class HttpDownloader {
    static final int CONNECT_TIMEOUT_MS = 15_000;
    static final int READ_TIMEOUT_MS = 60_000;
    private final int retries;
    private final long retryPauseMillis;

    /** @param retries how many times a cut connection is resumed within one run */
    public HttpDownloader(int retries, long retryPauseMillis) {
        this.retries = retries;
        this.retryPauseMillis = retryPauseMillis;
    }

    /**
     * Fetches {@code url} into {@code part}, verifies it and returns {@code part}.
     *
     * @param size expected size when the registry knows it, else null
     */
    public Path fetch(String url, Path part, String sha256, Long size, Progress progress) {
        int attempt = 0;
        while (true) {
            try {
                download(url, part, size, progress);
                break;
            } catch (Interrupted e) {
                if (attempt++ >= retries) {
                    throw new InstallerException("the download of " + url + " was interrupted at " + Progress.mb(e.have)
                            + (size != null ? " of " + Progress.mb(size) : "") + " (" + e.getMessage()
                            + "); run the same command again to resume from there", e);
                }
                progress.done();
                System.err.flush();
                sleep();
            }
        }
        String actual;
        try {
            actual = Sha256.of(part);
        } catch (IOException e) {
            throw new InstallerException("cannot read the download " + part + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(sha256)) {
            deleteQuietly(part);
            throw new InstallerException("checksum mismatch for " + url + ": SHA-256 is " + actual + " but the registry says "
                    + sha256 + "; the download was discarded and nothing was installed (if the mirror's file is right, "
                    + "the registry entry must be corrected)");
        }
        return part;
    }

    private void download(String url, Path part, Long size, Progress progress) throws Interrupted {
        long have = sizeOf(part);
        if (size != null && have > size) {
            deleteQuietly(part);
            have = 0;
        }
        if (size != null && have == size) {
            return; // complete from an earlier run: the checksum decides
        }
        HttpURLConnection http;
        int code;
        try {
            URLConnection c = URI.create(url).toURL().openConnection();
            if (!(c instanceof HttpURLConnection h)) {
                throw new InstallerException("the model URL " + url + " is not an http(s) URL");
            }
            http = h;
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            http.setRequestProperty("User-Agent", "sam2long-installer");
            http.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
            }
            code = http.getResponseCode();
        } catch (java.net.ConnectException | java.net.UnknownHostException | java.net.SocketTimeoutException e) {
            throw new InstallerException("cannot reach " + url + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); check the network or set a mirror with SAM2LONG_MODEL_BASE_URL", e);
        } catch (IOException e) {
            throw new Interrupted(have, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        boolean append;
        if (code == HttpURLConnection.HTTP_PARTIAL && have > 0) {
            String range = http.getHeaderField("Content-Range");
            if (range == null || !range.startsWith("bytes " + have + "-")) {
                http.disconnect();
                deleteQuietly(part);
                throw new Interrupted(0, "the server answered the resume with the wrong range " + range);
            }
            append = true;
        } else if (code == HttpURLConnection.HTTP_OK) {
            append = false;
            have = 0;
        } else if (code == 416 && have > 0) {
            http.disconnect();
            return; // the server says we have everything: the checksum decides
        } else if (code == HttpURLConnection.HTTP_NOT_FOUND) {
            http.disconnect();
            throw new InstallerException(url + " was not found (HTTP 404): check the model name and the mirror's base URL");
        } else {
            http.disconnect();
            throw new InstallerException(url + " answered HTTP " + code + " instead of the file");
        }
        long length = http.getContentLengthLong();
        Long total = length >= 0 ? have + length : size;
        progress.start(have, total);
        try (InputStream in = http.getInputStream();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                have += n;
                progress.update(have, total, false);
            }
        } catch (IOException e) {
            if (e instanceof java.nio.file.FileSystemException fs) {
                throw new InstallerException("cannot write the download " + part + ": " + fs.getReason()
                        + " (the partial file is kept; free some space and run the same command again)", e);
            }
            progress.done();
            throw new Interrupted(have, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            http.disconnect();
        }
        progress.update(have, total, true);
        progress.done();
        if (length >= 0 && sizeOf(part) < total) {
            throw new Interrupted(sizeOf(part), "the connection closed early");
        }
    }

    /** Small files (a registry): whole body in memory, one sentence on failure. */
    static byte[] getSmall(String url) {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            int code = http.getResponseCode();
            if (code != 200) {
                throw new InstallerException("the model registry " + url + " answered HTTP " + code);
            }
            try (InputStream in = http.getInputStream()) {
                return in.readNBytes(16 << 20);
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            throw new InstallerException("cannot read the model registry " + url + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    private void sleep() {
        try {
            Thread.sleep(retryPauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException("the download was cancelled", e);
        }
    }

    /** A cut connection: resumable from {@code have} bytes. */
    static final class Interrupted extends Exception {
        final long have;

        Interrupted(long have, String message) {
            super(message);
            this.have = have;
        }
    }
}
