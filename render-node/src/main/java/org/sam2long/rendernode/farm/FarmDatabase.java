package org.sam2long.rendernode.farm;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.sam2long.rendernode.input.BadInputException;

/**
 * Where the farm's queue lives: an embedded H2 database file by default (one machine, nothing to set
 * up), or any JDBC database JobRunr supports ({@code --db jdbc:postgresql://host/farm}) for many
 * machines. Both take the same code path. User name and password come from the environment
 * ({@code SAM2LONG_FARM_DB_USER}, {@code SAM2LONG_FARM_DB_PASSWORD}) or from a credentials file that
 * only its owner can read ({@code --db-credentials FILE}, {@code $SAM2LONG_FARM_DB_CREDENTIALS}, else
 * {@code ~/.config/sam2long/farm-db.properties} when it exists; lines {@code user=} and
 * {@code password=}), never from the command line. With neither, the PostgreSQL driver still reads
 * {@code ~/.pgpass}.
 *
 * <p>The default file is {@code $SAM2LONG_FARM_DB}, else {@code ~/.local/share/sam2long/farm/farm.mv.db}
 * (under {@code $XDG_DATA_HOME} when set). H2 runs in auto-server mode, so a submit, a status and
 * several workers on one machine can use the file at once; the process that happens to serve the file
 * may exit, and the others reconnect.
 */
public final class FarmDatabase {
    public static final String ENV_DB = "SAM2LONG_FARM_DB";
    public static final String ENV_USER = "SAM2LONG_FARM_DB_USER";
    public static final String ENV_PASSWORD = "SAM2LONG_FARM_DB_PASSWORD";
    public static final String ENV_CREDENTIALS = "SAM2LONG_FARM_DB_CREDENTIALS";

    private final String url;
    private final String shown;
    private final Path credentials;

    private FarmDatabase(String url, String shown, Path credentials) {
        this.url = url;
        this.shown = shown;
        this.credentials = credentials;
    }

    /** From {@code --db} (a path or a {@code jdbc:} URL), else the environment, else the default file. */
    public static FarmDatabase of(String db) {
        return of(db, null);
    }

    /**
     * As {@link #of(String)}, with the credentials file given by {@code --db-credentials} (null: from
     * {@code $SAM2LONG_FARM_DB_CREDENTIALS}, else the default file when it exists).
     */
    public static FarmDatabase of(String db, Path credentials) {
        // JobRunr's start-up notes (migrations, thread pools) are not for artists; its warnings still show
        if (System.getProperty("org.slf4j.simpleLogger.log.org.jobrunr") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.jobrunr", "warn");
        }
        // a failed job is logged by the worker in one sentence; JobRunr's stack trace only with SAM2LONG_DEBUG
        String debug = System.getenv("SAM2LONG_DEBUG");
        if ((debug == null || debug.isBlank() || debug.equals("0"))
                && System.getProperty("org.slf4j.simpleLogger.log.org.jobrunr.server.BackgroundJobPerformer") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.jobrunr.server.BackgroundJobPerformer", "off");
        }
        String chosen = db != null ? db : System.getenv(ENV_DB);
        if (chosen == null || chosen.isBlank()) {
            return file(defaultFolder().resolve("farm"));
        }
        chosen = chosen.strip();
        if (chosen.startsWith("jdbc:")) {
            if (chosen.matches("(?i).*[;?&:]password=.*")) {
                throw new BadInputException("the database URL holds a password; give it in " + ENV_PASSWORD
                        + " (and the user in " + ENV_USER + ") instead, never on the command line");
            }
            return new FarmDatabase(chosen, chosen.replaceAll("//[^/@]*@", "//"), credentials);
        }
        Path p = Path.of(chosen.endsWith(".mv.db") ? chosen.substring(0, chosen.length() - ".mv.db".length()) : chosen);
        if (Files.isDirectory(p)) {
            p = p.resolve("farm");
        }
        return file(p, credentials);
    }

    private static FarmDatabase file(Path base) {
        return file(base, null);
    }

    private static FarmDatabase file(Path base, Path credentials) {
        Path abs = base.toAbsolutePath().normalize();
        // AUTO_RECONNECT: the process serving the file to the others may be a short 'farm status' that exits
        return new FarmDatabase("jdbc:h2:file:" + abs + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE", abs + ".mv.db", credentials);
    }

    /** The default credentials file, {@code ~/.config/sam2long/farm-db.properties} (or under {@code $XDG_CONFIG_HOME}). */
    public static Path defaultCredentials() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("sam2long").resolve("farm-db.properties");
    }

    /** User and password for the database: null fields when none are given. */
    record Credentials(String user, String password) {}

    /**
     * The credentials: a file named by {@code --db-credentials} or {@code $SAM2LONG_FARM_DB_CREDENTIALS}
     * (it must exist), else the environment's user and password, else the default file when it exists.
     * A file that other users may read is refused.
     */
    Credentials credentials() {
        Path file = credentials;
        if (file == null) {
            String env = System.getenv(ENV_CREDENTIALS);
            if (env != null && !env.isBlank()) {
                file = Path.of(env.strip());
            }
        }
        if (file == null) {
            String user = System.getenv(ENV_USER);
            String password = System.getenv(ENV_PASSWORD);
            if (user != null || password != null) {
                return new Credentials(user, password);
            }
            Path def = defaultCredentials();
            if (!Files.isRegularFile(def)) {
                return new Credentials(null, null);
            }
            file = def;
        }
        return readCredentials(file);
    }

    /** Reads {@code user=} and {@code password=} from a file only its owner can read. */
    static Credentials readCredentials(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("the database credentials file " + file + " does not exist");
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            java.util.EnumSet<java.nio.file.attribute.PosixFilePermission> others = java.util.EnumSet.of(
                    java.nio.file.attribute.PosixFilePermission.GROUP_READ, java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            others.retainAll(perms);
            if (!others.isEmpty()) {
                throw new BadInputException("the database credentials file " + file + " can be read or written by other users ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); make it private with: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): its ACLs are the user's business
        } catch (java.io.IOException e) {
            throw new BadInputException("the database credentials file " + file + " cannot be read");
        }
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BadInputException("the database credentials file " + file + " cannot be read (lines user=... and password=...)");
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.equals("user") && !key.equals("password")) {
                throw new BadInputException("the database credentials file " + file + " has an unknown key '" + key
                        + "'; it holds only user=... and password=...");
            }
        }
        if (p.getProperty("user") == null && p.getProperty("password") == null) {
            throw new BadInputException("the database credentials file " + file + " names no user and no password (lines user=... and password=...)");
        }
        return new Credentials(p.getProperty("user"), p.getProperty("password"));
    }

    /** {@code ~/.local/share/sam2long/farm} (or under {@code $XDG_DATA_HOME}). */
    public static Path defaultFolder() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("sam2long").resolve("farm");
    }

    /** What to call the database in messages (never a password). */
    public String describe() {
        return shown;
    }

    /** Opens JobRunr's storage, creating its tables on first use. One sentence when it cannot. */
    public StorageProvider open() {
        try {
            if (url.startsWith("jdbc:h2:file:")) {
                Files.createDirectories(Path.of(shown).getParent());
            }
            StorageProvider storage = SqlStorageProviderFactory.using(dataSource());
            storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
            return storage;
        } catch (BadInputException e) {
            throw e;
        } catch (Exception e) {
            throw new FarmException("the farm database " + shown + " cannot be opened (" + reason(e) + "; is it reachable, and are "
                    + "the credentials right?)", e);
        }
    }

    /** The innermost cause's message, one line, for the sentence. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse(m).strip().replaceAll("\\s*\\[\\d+-\\d+]$", ""); // H2's error codes
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    DataSource dataSource() {
        Credentials c = credentials();
        String user = c.user();
        String password = c.password();
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            ds.setUser(user != null ? user : "sa");
            ds.setPassword(password != null ? password : "");
            return ds;
        }
        return new DriverDataSource(url, user, password);
    }

    /** A data source over {@link DriverManager}: one connection per request, what JobRunr asks of it. */
    private record DriverDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (user == null && password == null) {
                return DriverManager.getConnection(url);
            }
            java.util.Properties p = new java.util.Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            return DriverManager.getConnection(url, p);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public String toString() { return "data source " + url; }

        @Override
        public PrintWriter getLogWriter() { return null; }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() { return 0; }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
