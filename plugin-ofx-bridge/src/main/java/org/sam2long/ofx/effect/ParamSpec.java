package org.sam2long.ofx.effect;

import java.util.List;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.PropertySet;

/**
 * One parameter's constants: name, label, hint, group and type-specific defaults. The same constant
 * is used where the parameter is declared ({@link ParamDeclarer}) and where it is read
 * ({@link ParamValues}), so a name is never typed twice.
 */
public sealed interface ParamSpec {
    String name();
    String label();
    String hint();
    /** Name of the group parameter it sits in, or null for the top level. */
    String group();
    /** The OFX parameter type. */
    String ofxType();
    /** Sets the type-specific descriptor properties (defaults, ranges, options, flags). */
    void configure(PropertySet p);

    /** Visible integer. */
    record Int(String name, String label, String hint, String group, int def, int min, int max) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_INTEGER; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_DEFAULT, def).set(Ofx.PARAM_MIN, min).set(Ofx.PARAM_MAX, max)
                    .set(Ofx.PARAM_DISPLAY_MIN, min).set(Ofx.PARAM_DISPLAY_MAX, Math.min(max, 100)).set(Ofx.PARAM_ANIMATES, 0);
        }
    }

    /** Visible floating-point value. */
    record Real(String name, String label, String hint, String group, double def, double min, double max) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_DOUBLE; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_DEFAULT, def).set(Ofx.PARAM_MIN, min).set(Ofx.PARAM_MAX, max)
                    .set(Ofx.PARAM_DISPLAY_MIN, min).set(Ofx.PARAM_DISPLAY_MAX, max).set(Ofx.PARAM_ANIMATES, 0);
        }
    }

    record Bool(String name, String label, String hint, String group, boolean def) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_BOOLEAN; }
        public void configure(PropertySet p) { p.set(Ofx.PARAM_DEFAULT, def ? 1 : 0).set(Ofx.PARAM_ANIMATES, 0); }
    }

    /** Options in a fixed order: hosts save the index, so options are only ever appended. */
    record Choice(String name, String label, String hint, String group, List<String> options, int def) implements ParamSpec {
        public Choice {
            options = List.copyOf(options);
        }
        public String ofxType() { return Ofx.PARAM_CHOICE; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_CHOICE_OPTION, options).set(Ofx.PARAM_DEFAULT, def).set(Ofx.PARAM_ANIMATES, 0);
        }
    }

    /** Text; {@code mode} is an OFX string mode (single line, multi-line, directory path). */
    record Text(String name, String label, String hint, String group, String def, String mode) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_STRING; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_DEFAULT, def).set(Ofx.PARAM_STRING_MODE, mode).set(Ofx.PARAM_ANIMATES, 0);
        }
    }

    record Button(String name, String label, String hint, String group) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_PUSH_BUTTON; }
        public void configure(PropertySet p) { p.set(Ofx.PARAM_EVALUATE_ON_CHANGE, 0); }
    }

    /** A collapsible group of parameters. */
    record Group(String name, String label, String hint, String group) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_GROUP; }
        public void configure(PropertySet p) { }
    }

    /** Hidden state saved with the project: never shown, never animated, no re-render on change. */
    record HiddenText(String name, String label, String hint, String group) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_STRING; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_DEFAULT, "").set(Ofx.PARAM_SECRET, 1).set(Ofx.PARAM_ANIMATES, 0)
                    .set(Ofx.PARAM_STRING_MODE, Ofx.STRING_MULTI_LINE).set(Ofx.PARAM_EVALUATE_ON_CHANGE, 0);
        }
    }

    /** Hidden integer; {@code evaluate} true makes the host re-render (and drop cached frames) when it changes. */
    record HiddenInt(String name, String label, String hint, String group, boolean evaluate) implements ParamSpec {
        public String ofxType() { return Ofx.PARAM_INTEGER; }
        public void configure(PropertySet p) {
            p.set(Ofx.PARAM_DEFAULT, 0).set(Ofx.PARAM_SECRET, 1).set(Ofx.PARAM_ANIMATES, 0)
                    .set(Ofx.PARAM_EVALUATE_ON_CHANGE, evaluate ? 1 : 0);
        }
    }
}
