package org.threadlanes.ui.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The bottom line: what is going on, elapsed run time in units, tasks done and events per second. */
final class StatusBar extends HBox {

    StatusBar(MainViewModel vm) {
        getStyleClass().add(AppStyles.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("status");
        message.getStyleClass().add(AppStyles.STATUS_MESSAGE);
        message.textProperty().bind(vm.statusTextProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);

        Label notice = new Label(null, new FontIcon(MaterialDesignA.ALERT_CIRCLE));
        notice.setId("notice");
        notice.getStyleClass().add(AppStyles.STATUS_NOTICE);
        notice.textProperty().bind(vm.noticeTextProperty());
        notice.visibleProperty().bind(Bindings.isNotEmpty(vm.noticeTextProperty()));
        notice.managedProperty().bind(notice.visibleProperty());

        Label elapsed = figure("elapsed", new FontIcon(MaterialDesignC.CLOCK_OUTLINE));
        elapsed.textProperty().bind(vm.elapsedTextProperty());
        Label done = figure("tasksDone", new FontIcon(MaterialDesignF.FORMAT_LIST_CHECKS));
        done.textProperty().bind(vm.tasksDoneTextProperty());
        Label rate = figure("eventRate", new FontIcon(MaterialDesignS.SPEEDOMETER));
        rate.textProperty().bind(vm.eventRateTextProperty());

        elapsed.setTooltip(new Tooltip("Run time in the lesson's units: the course's seconds, at the speed set in the"
                + " toolbar (ms per unit)"));
        done.setTooltip(new Tooltip("Tasks handed to a thread pool that finished with a result, of all those handed"
                + " over (failed and cancelled ones are counted in the Tasks tab)"));
        rate.setTooltip(new Tooltip("Thread-state changes recorded per second. It reads 0 while every thread waits"
                + " (sleeping, on I/O, a lock or a condition): the run is not stuck, nothing is changing."));

        getChildren().addAll(message, notice, elapsed, done, rate);
    }

    private static Label figure(String id, FontIcon icon) {
        Label l = new Label(null, icon);
        l.setId(id);
        l.getStyleClass().add(AppStyles.STATUS_FIGURE);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }
}
