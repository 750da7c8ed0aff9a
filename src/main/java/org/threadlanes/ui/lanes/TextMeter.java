package org.threadlanes.ui.lanes;

import java.util.HashMap;
import java.util.Map;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Fast, allocation-free text widths for one font, from per-character advances measured once (kerning ignored, which
 * a small margin covers). The canvas needs widths for every label of every frame; a {@link Text} layout per label
 * would cost far more than the drawing.
 */
final class TextMeter {
    static final String ELLIPSIS = "\u2026";

    private final Font font;
    private final Text probe = new Text();
    private final double[] ascii = new double[128];
    private final Map<Character, Double> others = new HashMap<>();
    private final double ellipsis;

    TextMeter(Font font) {
        this.font = font;
        probe.setFont(font);
        for (char c = 32; c < 127; c++) ascii[c] = measure(c);
        ellipsis = width(ELLIPSIS);
    }

    Font font() {
        return font;
    }

    /** Height of a line of text. */
    double lineHeight() {
        probe.setText("Hg");
        return probe.getLayoutBounds().getHeight();
    }

    double width(String s) {
        double w = 0;
        for (int i = 0, n = s.length(); i < n; i++) w += advance(s.charAt(i));
        return w;
    }

    /**
     * The longest prefix of {@code s} that fits {@code maxWidth}, ending with an ellipsis when cut; {@code null} if
     * fewer than {@code minChars} characters would remain.
     */
    String fit(String s, double maxWidth, int minChars) {
        double w = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            w += advance(s.charAt(i));
            if (w > maxWidth) {
                // Cut: find how many characters fit together with the ellipsis.
                double room = maxWidth - ellipsis;
                double acc = 0;
                int k = 0;
                while (k < n && acc + advance(s.charAt(k)) <= room) acc += advance(s.charAt(k++));
                while (k > 0 && s.charAt(k - 1) == ' ') k--;
                return k < minChars ? null : s.substring(0, k) + ELLIPSIS;
            }
        }
        return s;
    }

    private double advance(char c) {
        if (c < 128) return ascii[c];
        return others.computeIfAbsent(c, this::measure);
    }

    private double measure(char c) {
        // Between two bars, so that a space (which a lone Text may not count) gets its real advance.
        probe.setText("|" + c + "|");
        double with = probe.getLayoutBounds().getWidth();
        probe.setText("||");
        return Math.max(0, with - probe.getLayoutBounds().getWidth());
    }
}
