package org.sam2long.rendernode.farm;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every {@code farm} command that opens the queue, {@code --db} and
 * {@code --db-credentials}, in one place: commands extend this class and picocli finds the inherited
 * fields. (A picocli mixin would do the same, but its instance is created through the command's
 * factory, which broke commands built without Guice in tests.)
 */
public abstract class FarmDbCommand {
    @Option(names = "--db", paramLabel = "PATH|jdbc:...", description = FarmCommand.DB_HELP)
    protected String db;

    @Option(names = "--db-credentials", paramLabel = "FILE", description = FarmDbOptions.CREDENTIALS_HELP)
    protected Path dbCredentials;

    /** The database {@code --db} and {@code --db-credentials} name (not opened). */
    protected FarmDatabase database() {
        return FarmDatabase.of(db, dbCredentials);
    }

    /** Opens the queue (JobRunr's tables are created on first use). */
    protected FarmQueue openQueue() {
        return FarmDbOptions.open(db, dbCredentials);
    }
}
