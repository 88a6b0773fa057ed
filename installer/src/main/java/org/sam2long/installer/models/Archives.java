package org.sam2long.installer.models;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sam2long.installer.util.InstallerException;

/**
 * Unpacks {@code .zip} and {@code .tar.gz} archives of model folders. Only plain files and folders are
 * accepted: links, devices and names that climb out of the target ({@code ..}, absolute) make the
 * archive "corrupt or unsafe".
 */
public final class Archives {
    private Archives() {}

    public enum Type { ZIP, TAR_GZ }

    /** The archive type from its first bytes, or null when it is neither. */
    public static Type sniff(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return Type.ZIP;
            }
            if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return Type.TAR_GZ;
            }
        }
        return null;
    }

    /** Unpacks {@code archive} into the existing, empty folder {@code into}. */
    public static void unpack(Path archive, Path into) {
        unpack(archive, archive.getFileName().toString(), into);
    }

    /** As {@link #unpack(Path, Path)}; messages call the archive {@code shownName}. */
    public static void unpack(Path archive, String shownName, Path into) {
        try {
            Type type = sniff(archive);
            if (type == null) {
                throw new InstallerException("the archive " + shownName + " is neither a zip nor a tar.gz file");
            }
            if (type == Type.ZIP) {
                unzip(archive, shownName, into);
            } else {
                untar(archive, shownName, into);
            }
        } catch (InstallerException e) {
            throw e;
        } catch (java.nio.file.FileSystemException e) {
            throw new InstallerException("cannot unpack " + shownName + " into " + into + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()), e);
        } catch (IOException e) {
            throw new InstallerException("the archive " + shownName + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static void unzip(Path archive, String shown, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = safe(shown, into, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target);
                }
            }
        } catch (ZipException e) {
            throw new InstallerException("the archive " + shown + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static void untar(Path archive, String shown, Path into) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512) {
                    throw new EOFException("it ends in the middle of a tar header");
                }
                if (allZero(header)) {
                    return;
                }
                checkHeaderSum(shown, header);
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = octal(shown, header, 124, 12);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                switch (type) {
                    case '0', '\0', '7' -> {
                        Path target = safe(shown, into, name);
                        Files.createDirectories(target.getParent());
                        try (var out = Files.newOutputStream(target)) {
                            copyExactly(in, out, size);
                        }
                        skipExactly(in, padded - size);
                    }
                    case '5' -> {
                        Files.createDirectories(safe(shown, into, name));
                        skipExactly(in, padded);
                    }
                    case 'L' -> {
                        byte[] b = in.readNBytes((int) size);
                        if (b.length < size) {
                            throw new EOFException("it ends inside a long file name");
                        }
                        longName = cString(b, 0, b.length);
                        skipExactly(in, padded - size);
                    }
                    case 'x', 'g' -> skipExactly(in, padded); // pax metadata: names here are short enough
                    default -> throw new InstallerException("the archive " + shown + " holds '" + name
                            + "', which is not a plain file or folder (tar type '" + type + "'); model archives hold files only");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InstallerException("the archive " + shown + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static Path safe(String shown, Path into, String name) {
        String n = name.replace('\\', '/');
        Path target = into.resolve(n).normalize();
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || !target.startsWith(into)) {
            throw new InstallerException("the archive " + shown + " is unsafe: entry '" + name
                    + "' would be written outside its folder");
        }
        return target;
    }

    private static void checkHeaderSum(String shown, byte[] h) {
        long stored = octal(shown, h, 148, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : (h[i] & 0xff);
        }
        if (sum != stored) {
            throw new InstallerException("the archive " + shown + " is corrupt (a tar header checksum is wrong)");
        }
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(String shown, byte[] b, int off, int len) {
        String s = cString(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new InstallerException("the archive " + shown + " is corrupt (a tar header holds '" + s + "' where a number belongs)");
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copyExactly(InputStream in, java.io.OutputStream out, long n) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("it ends in the middle of a file");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static void skipExactly(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("it ends in the middle of a file");
                }
                s = 1;
            }
            n -= s;
        }
    }
}
