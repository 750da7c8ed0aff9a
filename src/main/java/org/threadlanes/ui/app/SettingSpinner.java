package org.threadlanes.ui.app;

import java.util.Arrays;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import atlantafx.base.theme.Styles;

/**
 * An editable whole-number spinner that cannot hold a value out of range: the editor takes digits only, shows a
 * danger outline while its text is not a number in range, and on commit clamps to the range (or, for text that is
 * no number, returns to the last good value). Arrows step by one, or through "nice" values when given.
 */
final class SettingSpinner extends Spinner<Integer> {
    private final int min, max;

    /**
     * @param unitHint what the number counts ("workers"), for the tooltip
     * @param when     when a change takes effect ("applies on the next Run"), for the tooltip
     * @param nice     ascending values the arrows step through (1, 2, 5, 10, ...), or none to step by one
     */
    SettingSpinner(int min, int max, int initial, String unitHint, String when, int... nice) {
        this.min = min;
        this.max = max;
        setValueFactory(new Factory(min, max, initial, nice.clone()));
        setEditable(true);
        TextField editor = getEditor();
        int digits = Integer.toString(max).length();
        editor.setTextFormatter(new TextFormatter<>(change ->
                change.getControlNewText().length() <= digits && change.getText().chars().allMatch(Character::isDigit)
                        ? change : null));
        editor.setPrefColumnCount(Math.max(3, digits));
        editor.textProperty().addListener((o, was, text) ->
                editor.pseudoClassStateChanged(Styles.STATE_DANGER, parse(text) == null));
        // Commit what was typed when the field loses focus, not only on Enter.
        editor.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) commitValue();
        });
        setTooltip(new Tooltip(min + " to " + max + (unitHint.isEmpty() ? "" : " " + unitHint)
                + "; type a number and press Enter, or use the arrows" + (when.isEmpty() ? "" : ".\nIt " + when + ".")));
    }

    /** The text as a number in range, or null. */
    private Integer parse(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            return v >= min && v <= max ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Factory extends SpinnerValueFactory<Integer> {
        private final int min, max;
        private final int[] nice;

        Factory(int min, int max, int initial, int[] nice) {
            this.min = min;
            this.max = max;
            this.nice = nice;
            Arrays.sort(this.nice);
            setConverter(new StringConverter<>() {
                @Override
                public String toString(Integer value) {
                    return value == null ? "" : value.toString();
                }

                @Override
                public Integer fromString(String text) {
                    try {
                        return Integer.parseInt(text.strip());
                    } catch (NumberFormatException e) {
                        return getValue(); // not a number: keep the last good value
                    }
                }
            });
            valueProperty().addListener((o, was, now) -> {
                if (now == null) setValue(was == null ? min : was);
                else if (now < min) setValue(min);
                else if (now > max) setValue(max);
            });
            setValue(initial);
        }

        @Override
        public void decrement(int steps) {
            for (int i = 0; i < steps; i++) setValue(Math.max(min, previous(getValue())));
        }

        @Override
        public void increment(int steps) {
            for (int i = 0; i < steps; i++) setValue(Math.min(max, next(getValue())));
        }

        private int next(int v) {
            for (int n : nice) if (n > v) return n;
            return nice.length == 0 ? v + 1 : max;
        }

        private int previous(int v) {
            for (int i = nice.length - 1; i >= 0; i--) if (nice[i] < v) return nice[i];
            return nice.length == 0 ? v - 1 : min;
        }
    }
}
