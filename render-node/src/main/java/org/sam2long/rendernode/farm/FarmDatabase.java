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
 * ({@code SAM2LONG_FARM_DB_USER}, {@code SAM2LONG_FARM_DB_PASSWORD}), never from the command line.
 *
 * <p>The default file is {@code $SAM2LONG_FARM_DB}, else {@code ~/.local/share/sam2long/farm/farm.mv.db}
 * (under {@code $XDG_DATA_HOME} when set). H2 runs in auto-server mode, so a submit, a status and
 * several workers on one machine can use the file at once.
 */
public final class FarmDatabase {
    public static final String ENV_DB = "SAM2LONG_FARM_DB";
    public static final String ENV_USER = "SAM2LONG_FARM_DB_USER";
    public static final String ENV_PASSWORD = "SAM2LONG_FARM_DB_PASSWORD";

    private final String url;
    private final String shown;

    private FarmDatabase(String url, String shown) {
        this.url = url;
        this.shown = shown;
    }

    /** From {@code --db} (a path or a {@code jdbc:} URL), else the environment, else the default file. */
    public static FarmDatabase of(String db) {
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
            return new FarmDatabase(chosen, chosen.replaceAll("//[^/@]*@", "//"));
        }
        Path p = Path.of(chosen.endsWith(".mv.db") ? chosen.substring(0, chosen.length() - ".mv.db".length()) : chosen);
        if (Files.isDirectory(p)) {
            p = p.resolve("farm");
        }
        return file(p);
    }

    private static FarmDatabase file(Path base) {
        Path abs = base.toAbsolutePath().normalize();
        return new FarmDatabase("jdbc:h2:file:" + abs + ";AUTO_SERVER=TRUE", abs + ".mv.db");
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
            throw new FarmException("the farm database " + shown + " cannot be opened (is it reachable, and are "
                    + ENV_USER + "/" + ENV_PASSWORD + " right?)", e);
        }
    }

    private DataSource dataSource() {
        String user = System.getenv(ENV_USER);
        String password = System.getenv(ENV_PASSWORD);
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
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
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
