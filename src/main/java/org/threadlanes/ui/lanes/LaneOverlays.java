package org.threadlanes.ui.lanes;

import java.util.List;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeType;

import org.threadlanes.ui.lanes.LanesView.Tone;

/**
 * The small nodes over the lanes that move or change every frame: the "now" line, the outline of the segment under
 * the pointer, and the outlines of the lanes on a deadlock's cycle ({@link Rectangle}s, cheaper to move than to
 * repaint canvas pixels).
 *
 * <p>Touched on the FX thread only (or, for benchmarks, on one thread while the control is not showing).
 */
final class LaneOverlays {
    private final LanesView control;
    private final LanesFrame f;
    private final LaneFades fades;
    private final Rectangle nowLine = new Rectangle();
    private final Rectangle hoverBox = new Rectangle();
    private final Group outlines = new Group();

    LaneOverlays(LanesView control, LanesFrame frame, LaneFades fades) {
        this.control = control;
        this.f = frame;
        this.fades = fades;
        nowLine.setManaged(false);
        hoverBox.setManaged(false);
        hoverBox.setFill(null);
        hoverBox.setStrokeType(StrokeType.INSIDE);
        hoverBox.setStrokeWidth(2);
        hoverBox.setVisible(false);
        outlines.setManaged(false);
    }

    /** The nodes, bottom to top: hover outline, deadlock outlines, "now" line. */
    List<Node> nodes() {
        return List.of(hoverBox, outlines, nowLine);
    }

    /**
     * Places the "now" line, the hover outline on segment {@code segment} of lane {@code lane} (none when
     * {@code lane} is negative or {@code segment} is) and the outlines of the outlined lanes in view, on a surface
     * {@code w} px wide.
     */
    void place(TimelineModel model, int lane, int segment, double w) {
        LanesView c = control;
        double x = f.screenX(f.nowNs);
        boolean nowShown = x >= f.timeX0 - 1 && x <= f.timeX1 + 1;
        nowLine.setVisible(nowShown);
        if (nowShown) {
            nowLine.setFill(c.tone(Tone.NOW));
            nowLine.setX(x - 1);
            nowLine.setY(f.axisH);
            nowLine.setWidth(2);
            nowLine.setHeight(f.viewportH);
        }

        placeHoverBox(model, lane, segment);

        int k = 0;
        for (int i = f.first; i <= f.last; i++) {
            if (!c.getOutlinedThreads().contains(model.lane(i).thread().id())) continue;
            Rectangle r;
            if (k < outlines.getChildren().size()) {
                r = (Rectangle) outlines.getChildren().get(k);
            } else {
                r = new Rectangle();
                r.setFill(null);
                r.setStrokeType(StrokeType.INSIDE);
                r.setStrokeWidth(3.5);
                outlines.getChildren().add(r);
            }
            k++;
            double y = f.axisH + f.rowY(i);
            r.setStroke(c.tone(Tone.OUTLINE));
            r.setX(1);
            r.setY(y + 1);
            r.setWidth(Math.max(0, w - 2));
            r.setHeight(Math.max(0, f.rowY(i + 1) - f.rowY(i) - 2));
        }
        if (k < outlines.getChildren().size()) outlines.getChildren().remove(k, outlines.getChildren().size());
    }

    private void placeHoverBox(TimelineModel model, int laneIndex, int i) {
        if (laneIndex < 0 || i < 0 || laneIndex < f.first || laneIndex > f.last) {
            hoverBox.setVisible(false);
            return;
        }
        TimelineModel.Lane lane = model.lane(laneIndex);
        long s = lane.startNs(i);
        long e = i + 1 < lane.segmentCount() ? lane.startNs(i + 1) : Math.max(f.nowNs, s);
        double xa = Math.max(f.timeX0, f.screenX(s)), xb = Math.min(Math.round(f.timeX1), f.screenX(e));
        double y = f.rowY(laneIndex), rh = f.rowY(laneIndex + 1) - y;
        double top = LanesFrame.segmentTop(y, rh), segH = LanesFrame.segmentHeight(y, rh);
        if (xb - xa < 5) {
            hoverBox.setVisible(false);
            return;
        }
        hoverBox.setStroke(control.tone(Tone.TEXT));
        hoverBox.setOpacity(fades.opacity(laneIndex));
        hoverBox.setX(xa);
        hoverBox.setY(f.axisH + top);
        hoverBox.setWidth(xb - xa);
        hoverBox.setHeight(segH);
        hoverBox.setVisible(true);
    }
}
