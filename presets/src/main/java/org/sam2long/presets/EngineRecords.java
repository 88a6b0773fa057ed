package org.sam2long.presets;

import static org.sam2long.presets.PresetFields.*;

import java.util.Locale;
import java.util.Map;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/** Builds the engine's settings records from a complete, checked set of preset values. */
final class EngineRecords {
    private final Map<String, Object> values;

    EngineRecords(Map<String, Object> values) {
        this.values = values;
    }

    ModelReference model() {
        return new ModelReference(text(MODEL_NAME));
    }

    TrackingSettings tracking() {
        return TrackingSettings.builder().direction(choice(DIRECTION, Direction.class))
                .fillHoleArea(integer(FILL_HOLE_AREA))
                .bfloat16Memory(bool(BFLOAT16_MEMORY)).bicubicResize(bool(BICUBIC_RESIZE)).build();
    }

    TreeSettings tree() {
        return TreeSettings.builder().pathways(integer(PATHWAYS)).iouThreshold(number(IOU_THRESHOLD))
                .uncertaintyThreshold(number(UNCERTAINTY_THRESHOLD))
                .modulationRange(number(MODULATION_MIN), number(MODULATION_MAX)).modulation(bool(MODULATION))
                .memoryGating(bool(MEMORY_GATING)).referenceParity(bool(REFERENCE_PARITY))
                .deduplicate(bool(DEDUPLICATE)).streamingFinalisation(bool(STREAMING_FINALISATION)).build();
    }

    RuntimeSettings runtime() {
        return new RuntimeSettings(choice(PROVIDER, RuntimeSettings.Provider.class), integer(INTRA_OP_THREADS),
                integer(INTER_OP_THREADS), integer(BATCH_BUDGET_MB), integer(DEVICE_ID));
    }

    CleanupSettings cleanup() {
        return new CleanupSettings(bool(SOFT_ALPHA), number(TEMPERATURE), number(THRESHOLD), integer(FILL_HOLES_AREA),
                integer(REMOVE_ISLANDS_AREA), integer(GROW_PIXELS), number(FEATHER_PIXELS), integer(TEMPORAL_WINDOW));
    }

    OutputSettings output() {
        return new OutputSettings(choice(FORMAT, OutputSettings.MatteFormat.class),
                choice(CHANNELS, OutputSettings.Channels.class), bool(EXR_LAYERS), text(FILENAME_TEMPLATE),
                integer(FRAME_PADDING), integer(FRAME_OFFSET));
    }

    private Object get(PresetField f) {
        Object v = values.get(f.path());
        if (v == null) {
            throw new IllegalStateException("resolved preset lacks " + f.path());
        }
        return v;
    }

    private String text(PresetField f) { return (String) get(f); }
    private int integer(PresetField f) { return (Integer) get(f); }
    private double number(PresetField f) { return (Double) get(f); }
    private boolean bool(PresetField f) { return (Boolean) get(f); }

    private <E extends Enum<E>> E choice(PresetField f, Class<E> type) {
        return Enum.valueOf(type, text(f).toUpperCase(Locale.ROOT));
    }
}
