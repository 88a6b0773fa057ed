package org.sam2long.ofx.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActionTest {

    @Test
    void ofxActionStringsMapToTheirActions() {
        assertEquals(Action.RENDER, Action.of("OfxImageEffectActionRender"));
        assertEquals(Action.INSTANCE_CHANGED, Action.of("OfxActionInstanceChanged"));
        assertEquals(Action.DESCRIBE_IN_CONTEXT, Action.of("OfxImageEffectActionDescribeInContext"));
    }

    @Test
    void unknownActionsAreOther() {
        assertEquals(Action.OTHER, Action.of("OfxImageEffectActionGetRegionOfDefinition"));
        assertEquals(Action.OTHER, Action.of(""));
    }

    @Test
    void messagesAboutDescribeGoToThePluginNotAnInstance() {
        assertFalse(Action.DESCRIBE.onInstance());
        assertTrue(Action.RENDER.onInstance());
    }
}
