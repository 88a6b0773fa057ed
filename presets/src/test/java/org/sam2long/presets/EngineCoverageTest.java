package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/** Every engine setting is reachable from a preset, and a preset holds nothing else. */
class EngineCoverageTest {

    private static Set<String> components(String section, Class<?>... records) {
        Set<String> paths = new TreeSet<>();
        for (Class<?> r : records) {
            Arrays.stream(r.getRecordComponents()).map(RecordComponent::getName).forEach(n -> paths.add(section + "." + n));
        }
        return paths;
    }

    private static Set<String> fields(String section) {
        Set<String> paths = new TreeSet<>();
        PresetFields.ALL.stream().filter(f -> f.section().equals(section)).forEach(f -> paths.add(f.path()));
        return paths;
    }

    @Test
    void trackingSection_isExactlyTrackingSettingsPlusTreeSettings() {
        assertEquals(components("tracking", TrackingSettings.class, TreeSettings.class), fields("tracking"));
    }

    @Test
    void runtimeCleanupAndOutputSections_areExactlyTheirEngineRecords() {
        assertEquals(components("runtime", RuntimeSettings.class), fields("runtime"));
        assertEquals(components("cleanup", CleanupSettings.class), fields("cleanup"));
        assertEquals(components("output", OutputSettings.class), fields("output"));
    }

    @Test
    void modelSection_isNameAndPrecision() {
        assertEquals(Set.of("model.name"), fields("model"));
        assertEquals(List.of("model", "tracking", "runtime", "cleanup", "output"), PresetFields.SECTIONS);
        assertEquals(PresetFields.ALL.size(), Stream.of("model", "tracking", "runtime", "cleanup", "output")
                .mapToInt(s -> fields(s).size()).sum());
    }
}
