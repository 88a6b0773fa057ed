package org.sam2long.rendernode.farm;

import java.nio.file.Path;

/**
 * What every {@code farm} command takes to find its queue: {@code --db} and {@code --db-credentials}
 * (the options themselves are fields of {@link FarmDbCommand}, which the commands extend).
 */
public final class FarmDbOptions {
    public static final String CREDENTIALS_HELP = "A file only you can read (chmod 600) with lines user=... and password=... for the"
            + " database (default: $SAM2LONG_FARM_DB_CREDENTIALS, else $SAM2LONG_FARM_DB_USER/$SAM2LONG_FARM_DB_PASSWORD,"
            + " else ~/.config/sam2long/farm-db.properties when it exists).";

    private FarmDbOptions() {}

    /** Opens the queue that {@code --db} and {@code --db-credentials} name (JobRunr's tables are created on first use). */
    public static FarmQueue open(String db, Path credentials) {
        return new FarmQueue(FarmDatabase.of(db, credentials).open());
    }
}
