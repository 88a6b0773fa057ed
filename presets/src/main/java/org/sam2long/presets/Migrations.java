package org.sam2long.presets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Brings a preset document written for an older schema version up to {@link #CURRENT}, one
 * version step at a time. Old key names keep loading; each migration reports what it renamed so
 * the user can be told to re-save the file.
 */
final class Migrations {
    /** The schema version this code writes and reads natively. */
    static final int CURRENT = 1;
    /** The oldest version that still loads. */
    static final int OLDEST = 0;

    /**
     * @param document  the current-version document
     * @param oldNames  current path to the key the old document used, for problem messages
     * @param problems  (key, message) pairs for what could not be migrated
     * @param renamed   {@code old → new} notes for the warning
     */
    record Result(ObjectNode document, Map<String, String> oldNames, List<String[]> problems, List<String> renamed) {}

    private Migrations() {}

    /** Migrates {@code document} of {@code version} ({@code OLDEST <= version < CURRENT}) to the current layout. */
    static Result toCurrent(ObjectNode document, int version) {
        if (version != 0) {
            throw new IllegalArgumentException("no migration from preset version " + version);
        }
        return VersionZeroMigration.migrate(document);
    }
}
