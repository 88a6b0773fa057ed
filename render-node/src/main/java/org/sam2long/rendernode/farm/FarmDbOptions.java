package org.sam2long.rendernode.farm;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code farm} command shares to find its queue: {@code --db} and {@code --db-credentials}. */
public final class FarmDbOptions {
    @Option(names = "--db", paramLabel = "PATH|jdbc:...", description = FarmCommand.DB_HELP)
    String db;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "A file only you can read (chmod 600) with lines user=... and password=... for the database"
                    + " (default: $SAM2LONG_FARM_DB_CREDENTIALS, else $SAM2LONG_FARM_DB_USER/$SAM2LONG_FARM_DB_PASSWORD,"
                    + " else ~/.config/sam2long/farm-db.properties when it exists).")
    Path credentials;

    /** The database these options name. */
    public FarmDatabase database() {
        return FarmDatabase.of(db, credentials);
    }

    /** Opens the queue (JobRunr's tables are created on first use). */
    public FarmQueue open() {
        return new FarmQueue(database().open());
    }
}
