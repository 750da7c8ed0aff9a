package org.threadlanes.ui.lanes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableDoubleProperty;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableDoubleProperty;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.paint.Color;

import org.threadlanes.trace.ThreadRef;
import org.threadlanes.trace.ThreadState;

/**
 * The lanes: one horizontal lane per thread, under a time axis in lesson units, coloured by state, with a "now"
 * cursor that advances while the run goes on. A {@link Control}: it holds only properties; {@link LanesViewSkin}
 * draws it on canvas tiles, repainting each animation frame only what changed.
 *
 * <pre>{@code
 * TimelineModel timeline = new TimelineModel();
 * LanesView lanes = new LanesView(timeline);
 * lanes.setClock(run::elapsedNs);
 * lanes.setNanosPerUnit(run.units().toNanos(1));
 * StateLegend legend = new StateLegend(lanes);
 * }</pre>
 *
 * <h2>Using it</h2>
 * <ul>
 *   <li><b>Ctrl + mouse wheel</b> (or pinch) zooms the time axis around the pointer; the plain wheel scrolls the
 *       lanes up and down; Shift + wheel, a horizontal wheel, or dragging pans along the time axis. Panning turns
 *       {@link #followNowProperty() follow-now} off; an app offers a button to turn it back on.</li>
 *   <li>Hovering a segment shows its state, reason, text, exact start, end and length (in units and ms) and the event
 *       that began it. Clicking a lane selects it.</li>
 *   <li>Keys: Left/Right pan, +/- zoom, Home jumps to the start, F or End follows now again.</li>
 * </ul>
 *
 * <p>Colours, fonts and the lane height come from CSS ({@code lanes.css}, the user-agent stylesheet), derived from
 * the AtlantaFX theme variables: see {@link LanesStyles}.
 */
public class LanesView extends Control {
    /** How many thread identity colours there are ({@code -tl-identity-0} .. {@code -tl-identity-7} in CSS). */
    public static final int IDENTITY_COLORS = 8;
    /** Narrowest and widest visible time window, in units. */
    public static final double MIN_VISIBLE_UNITS = 0.05, MAX_VISIBLE_UNITS = 1_000_000;
    /** Where "now" stands while the view follows it, as a fraction of the window's width from its left edge. */
    public static final double FOLLOW_AT = 0.85;

    private final TimelineModel model;
    private final ObjectProperty<LongSupplier> clock;
    private final DoubleProperty nanosPerUnit = new SimpleDoubleProperty(this, "nanosPerUnit", 1e9);
    private final DoubleProperty visibleUnits = new SimpleDoubleProperty(this, "visibleUnits", 10);
    private final BooleanProperty followNow = new SimpleBooleanProperty(this, "followNow", true);
    private final ObservableSet<ThreadState> hiddenStates =
            FXCollections.observableSet(EnumSet.noneOf(ThreadState.class));
    private final ObjectProperty<ThreadRef> selectedThread = new SimpleObjectProperty<>(this, "selectedThread");
    private final ObservableSet<Long> outlinedThreads = FXCollections.observableSet();
    private final ObjectProperty<ToIntFunction<ThreadRef>> identity = new SimpleObjectProperty<>(this, "identity");

    /**
     * Builds a view of {@code model}. Until a clock is set, "now" is the time of the model's latest event.
     */
    public LanesView(TimelineModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.clock = new SimpleObjectProperty<>(this, "clock", model::endNs);
        getStyleClass().add(LanesStyles.LANES_VIEW);
        setFocusTraversable(true);
    }

    /** The timeline this view draws. */
    public TimelineModel getModel() {
        return model;
    }

    /** Current run time in ns, read by the skin every pulse for the "now" cursor (frozen while paused). */
    public ObjectProperty<LongSupplier> clockProperty() {
        return clock;
    }

    public LongSupplier getClock() {
        return clock.get();
    }

    public void setClock(LongSupplier value) {
        clock.set(value);
    }

    /** Nanoseconds per lesson unit, for the time axis labels in units. */
    public DoubleProperty nanosPerUnitProperty() {
        return nanosPerUnit;
    }

    public double getNanosPerUnit() {
        return nanosPerUnit.get();
    }

    public void setNanosPerUnit(double value) {
        nanosPerUnit.set(value);
    }

    /**
     * Width of the visible window, in units (zoom). Values outside {@value #MIN_VISIBLE_UNITS}..
     * {@value #MAX_VISIBLE_UNITS} are drawn as the nearest bound.
     */
    public DoubleProperty visibleUnitsProperty() {
        return visibleUnits;
    }

    public double getVisibleUnits() {
        return visibleUnits.get();
    }

    public void setVisibleUnits(double value) {
        visibleUnits.set(value);
    }

    /** Auto-scroll so that "now" stays in view; panning turns it off. */
    public BooleanProperty followNowProperty() {
        return followNow;
    }

    public boolean isFollowNow() {
        return followNow.get();
    }

    public void setFollowNow(boolean value) {
        followNow.set(value);
    }

    /**
     * Zooms out, if needed, so that a run that ended at {@code endNs} fits whole while the view follows "now": a
     * finished lesson is seen from its first moment. Never zooms in. Returns the window's width before, in units.
     */
    public double showWhole(long endNs) {
        double before = zoomOutToFit(endNs);
        setFollowNow(true);
        return before;
    }

    /**
     * Shows the run from its start up to {@code endNs} and stops following "now" (a deadlock: time goes on, but the
     * moment to look at is how it came about). Zooms out if needed, never in. Returns the window's width before.
     */
    public double holdFromStart(long endNs) {
        double before = zoomOutToFit(endNs);
        if (getSkin() instanceof LanesViewSkin skin) {
            skin.scrollTo(0);
        } else {
            setFollowNow(false);
        }
        return before;
    }

    /**
     * Widens the window, never narrows it, so that 0..{@code endNs} fits left of where "now" stands when followed;
     * returns the width before.
     */
    private double zoomOutToFit(long endNs) {
        double before = getVisibleUnits();
        double units = endNs / getNanosPerUnit() / FOLLOW_AT;
        if (units > before) setVisibleUnits(Math.min(MAX_VISIBLE_UNITS, units * 1.02));
        return before;
    }

    /** States whose segments are not drawn (the legend toggles these). */
    public ObservableSet<ThreadState> getHiddenStates() {
        return hiddenStates;
    }

    /** The selected lane (click on a lane selects it). */
    public ObjectProperty<ThreadRef> selectedThreadProperty() {
        return selectedThread;
    }

    public ThreadRef getSelectedThread() {
        return selectedThread.get();
    }

    public void setSelectedThread(ThreadRef value) {
        selectedThread.set(value);
    }

    /** Ids of the threads whose lanes are drawn with a strong outline (e.g. threads on a deadlock cycle). */
    public ObservableSet<Long> getOutlinedThreads() {
        return outlinedThreads;
    }

    /**
     * Each thread's identity colour index (-1 for none), so that a lane's name carries the same colour as the thread
     * in other views (the code panel's chips); {@code null}, the default, draws no identity colour. The index picks
     * CSS colour {@code -tl-identity-(index mod }{@value #IDENTITY_COLORS}{@code )}. Read when drawing, on the FX
     * thread.
     */
    public ObjectProperty<ToIntFunction<ThreadRef>> identityProperty() {
        return identity;
    }

    public ToIntFunction<ThreadRef> getIdentity() {
        return identity.get();
    }

    public void setIdentity(ToIntFunction<ThreadRef> value) {
        identity.set(value);
    }

    /** Height of one lane in pixels; CSS {@code -tl-lane-height}. Smaller values fit more lanes on screen. */
    public DoubleProperty laneHeightProperty() {
        return laneHeight;
    }

    public double getLaneHeight() {
        return laneHeight.get();
    }

    public void setLaneHeight(double value) {
        laneHeight.set(value);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new LanesViewSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return LanesStyles.STYLESHEET;
    }

    // ------------------------------------------------------------------ CSS (read by the skin)

    private static final StyleablePropertyFactory<LanesView> CSS =
            new StyleablePropertyFactory<>(Control.getClassCssMetaData());
    /** Seen only if the stylesheet's theme variables cannot be resolved (no AtlantaFX theme loaded). */
    private static final Color UNSTYLED = Color.GRAY;

    /** What the skin paints with; each is a CSS property {@code -tl-<name>} of {@code lanes.css}. */
    enum Tone {
        BACKGROUND, HEADER_BACKGROUND, LANE_ALT, GRID, TEXT, TEXT_MUTED, NOW, SELECTION, SELECTION_BACKGROUND, OUTLINE;

        final String css = "-tl-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static final List<CssMetaData<LanesView, Color>> FILL_META = new ArrayList<>();
    private static final List<CssMetaData<LanesView, Color>> TEXT_META = new ArrayList<>();
    private static final List<CssMetaData<LanesView, Color>> PATTERN_META = new ArrayList<>();
    private static final List<CssMetaData<LanesView, Color>> TONE_META = new ArrayList<>();
    private static final List<CssMetaData<LanesView, Color>> IDENTITY_META = new ArrayList<>();
    private static final CssMetaData<LanesView, Number> FONT_SIZE_META =
            CSS.createSizeCssMetaData("-tl-font-size", v -> v.fontSize, 16.0);
    private static final CssMetaData<LanesView, Number> LANE_FONT_SIZE_META =
            CSS.createSizeCssMetaData("-tl-lane-font-size", v -> v.laneFontSize, 18.0);
    private static final CssMetaData<LanesView, Number> LANE_HEIGHT_META =
            CSS.createSizeCssMetaData("-tl-lane-height", v -> v.laneHeight, 46.0);

    static {
        for (ThreadState s : ThreadState.values()) {
            int i = s.ordinal();
            String name = "-tl-" + LanesStyles.of(s);
            FILL_META.add(CSS.createColorCssMetaData(name + "-fill", v -> v.fills.get(i), UNSTYLED));
            TEXT_META.add(CSS.createColorCssMetaData(name + "-text", v -> v.texts.get(i), UNSTYLED));
            PATTERN_META.add(CSS.createColorCssMetaData(name + "-pattern", v -> v.patterns.get(i), UNSTYLED));
        }
        for (Tone t : Tone.values()) {
            TONE_META.add(CSS.createColorCssMetaData(t.css, v -> v.tones.get(t.ordinal()), UNSTYLED));
        }
        for (int i = 0; i < IDENTITY_COLORS; i++) {
            int k = i;
            IDENTITY_META.add(CSS.createColorCssMetaData("-tl-identity-" + i, v -> v.identities.get(k), UNSTYLED));
        }
    }

    private final List<StyleableObjectProperty<Color>> fills = colours(FILL_META, "fill");
    private final List<StyleableObjectProperty<Color>> texts = colours(TEXT_META, "text");
    private final List<StyleableObjectProperty<Color>> patterns = colours(PATTERN_META, "pattern");
    private final List<StyleableObjectProperty<Color>> tones = colours(TONE_META, "tone");
    private final List<StyleableObjectProperty<Color>> identities = colours(IDENTITY_META, "identity");
    private final StyleableDoubleProperty fontSize = new SimpleStyleableDoubleProperty(FONT_SIZE_META, this,
            "fontSize", 16.0);
    private final StyleableDoubleProperty laneFontSize = new SimpleStyleableDoubleProperty(LANE_FONT_SIZE_META, this,
            "laneFontSize", 18.0);
    private final StyleableDoubleProperty laneHeight = new SimpleStyleableDoubleProperty(LANE_HEIGHT_META, this,
            "laneHeight", 46.0);

    private List<StyleableObjectProperty<Color>> colours(List<CssMetaData<LanesView, Color>> meta, String what) {
        List<StyleableObjectProperty<Color>> out = new ArrayList<>(meta.size());
        for (int i = 0; i < meta.size(); i++) {
            out.add(new SimpleStyleableObjectProperty<>(meta.get(i), this, what + i, UNSTYLED));
        }
        return out;
    }

    /** The CSS properties of this class and its ancestors. */
    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    protected List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return getClassCssMetaData();
    }

    Color fill(ThreadState s) {
        return fills.get(s.ordinal()).get();
    }

    Color text(ThreadState s) {
        return texts.get(s.ordinal()).get();
    }

    Color pattern(ThreadState s) {
        return patterns.get(s.ordinal()).get();
    }

    Color tone(Tone t) {
        return tones.get(t.ordinal()).get();
    }

    /** The identity colour of index {@code index} (0 or more). */
    Color identityColor(int index) {
        return identities.get(index % IDENTITY_COLORS).get();
    }

    double fontSize() {
        return fontSize.get();
    }

    double laneFontSize() {
        return laneFontSize.get();
    }

    /** Every CSS-driven value, for a skin that redraws when the theme changes. */
    List<Observable> styleObservables() {
        List<Observable> all = new ArrayList<>(fills);
        all.addAll(texts);
        all.addAll(patterns);
        all.addAll(tones);
        all.addAll(identities);
        all.add(fontSize);
        all.add(laneFontSize);
        all.add(laneHeight);
        return all;
    }
}
