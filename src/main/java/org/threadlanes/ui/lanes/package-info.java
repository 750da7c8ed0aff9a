/**
 * The lanes: every thread of a run as a horizontal lane of coloured segments under a time axis.
 *
 * <ul>
 *   <li>{@link org.threadlanes.ui.lanes.TimelineModel}: per-lane segments built from recorded events (primitive
 *       arrays, binary search by time); plain Java, testable without a stage.</li>
 *   <li>{@link org.threadlanes.ui.lanes.LanesView}: the control (properties only) and
 *       {@link org.threadlanes.ui.lanes.LanesViewSkin}, which draws the lanes' past on canvas tiles that move with
 *       time and repaints only what changed, from an animation timer that runs only while the view is showing. The skin
 *       coordinates package-private helpers with one job each: {@code TileStrip} (the tiles), {@code SegmentPainter}
 *       (segments, labels, grid), {@code StickyLabels}, {@code LaneHeaders}, {@code TimeAxis}, {@code LaneOverlays}
 *       (now line, hover and deadlock outlines), {@code LanesPalette} (fonts, hatching), {@code LaneFades} (lane
 *       opacity), {@code LanesFrame} (the frame's geometry) and {@code HoverTexts} (the hover card's words).</li>
 *   <li>{@link org.threadlanes.ui.lanes.StateLegend}: the five states, each toggling its segments on and off.</li>
 *   <li>{@link org.threadlanes.ui.lanes.LanesStyles}: style class names; colours live in {@code lanes.css}, derived
 *       from the AtlantaFX theme variables.</li>
 * </ul>
 * Events reach the model on the FX thread through {@link org.threadlanes.ui.FxBridge}.
 */
package org.threadlanes.ui.lanes;
