package org.sam2long.engine.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/** Which graphs shrink their CPU arena after each run: the property's forms and the default (issue 19). */
class ArenaShrinkTest {
    private static final List<String> GRAPHS = List.of("image_encoder", "memory_attention", "mask_decoder", "memory_encoder");

    @Test
    void propertyNamesAllNoneOrAListOfGraphs() {
        for (String g : GRAPHS) {
            assertTrue(OnnxGraph.shrinksArena(g, "true"), g);
            assertFalse(OnnxGraph.shrinksArena(g, "false"), g);
            assertFalse(OnnxGraph.shrinksArena(g, null), g);
            assertFalse(OnnxGraph.shrinksArena(g, " "), g);
        }
        assertTrue(OnnxGraph.shrinksArena("image_encoder", "image_encoder, mask_decoder"));
        assertTrue(OnnxGraph.shrinksArena("mask_decoder", "image_encoder, mask_decoder"));
        assertFalse(OnnxGraph.shrinksArena("memory_encoder", "image_encoder, mask_decoder"));
        assertFalse(OnnxGraph.shrinksArena("memory_attention", "memory_attention_x"));
    }

    @Test
    void noGraphShrinksByDefaultAndThePropertyChoosesWhich() {
        assertEquals(Map.of("image_encoder", false, "memory_attention", false, "mask_decoder", false, "memory_encoder", false),
                shrinking(null));
        assertEquals(Map.of("image_encoder", false, "memory_attention", false, "mask_decoder", true, "memory_encoder", true),
                shrinking("mask_decoder,memory_encoder"));
        assertEquals(Map.of("image_encoder", false, "memory_attention", false, "mask_decoder", false, "memory_encoder", false),
                shrinking("false"));
        assertEquals(Map.of("image_encoder", true, "memory_attention", true, "mask_decoder", true, "memory_encoder", true),
                shrinking("true"));
        assertEquals(Map.of("image_encoder", true, "memory_attention", false, "mask_decoder", false, "memory_encoder", false),
                shrinking("image_encoder"));
    }

    private static Map<String, Boolean> shrinking(String property) {
        String before = System.getProperty(OnnxGraph.ARENA_SHRINK_PROPERTY);
        try {
            if (property == null) {
                System.clearProperty(OnnxGraph.ARENA_SHRINK_PROPERTY);
            } else {
                System.setProperty(OnnxGraph.ARENA_SHRINK_PROPERTY, property);
            }
            try (Sam2Model m = Sam2Model.loadBundled(BundledModels.DEMO, RuntimeSettings.defaults())) {
                assertEquals("CPU", m.provider());
                LoadedModel lm = LoadedModel.of(m);
                Map<String, Function<LoadedModel, OnnxGraph>> graphs = Map.of(
                        "image_encoder", LoadedModel::imageEncoder, "memory_attention", LoadedModel::memoryAttention,
                        "mask_decoder", LoadedModel::maskDecoder, "memory_encoder", LoadedModel::memoryEncoder);
                Map<String, Boolean> out = new java.util.HashMap<>();
                graphs.forEach((name, get) -> {
                    assertEquals(name, get.apply(lm).name());
                    out.put(name, get.apply(lm).shrinksArena());
                });
                return out;
            }
        } finally {
            if (before == null) {
                System.clearProperty(OnnxGraph.ARENA_SHRINK_PROPERTY);
            } else {
                System.setProperty(OnnxGraph.ARENA_SHRINK_PROPERTY, before);
            }
        }
    }
}
