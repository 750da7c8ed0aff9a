package org.threadlanes.ui.app;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import atlantafx.base.theme.Styles;
import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Settings;

/**
 * Run, Pause, Reset, the settings (workers and cores apply at once to a run under way, the speed on the next run),
 * the Sweep button and the theme switch.
 */
final class RunToolBar extends ToolBar {
    /** Steps of the speed arrows, in ms per unit: fast enough for tests, slow enough for a class. */
    private static final int[] SPEED_STEPS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

    private final List<SettingSpinner> spinners;

    /**
     * @param openSweep opens the sweep window (the Sweep button)
     */
    RunToolBar(MainViewModel vm, Runnable openSweep) {
        getStyleClass().add(AppStyles.TOOLBAR);

        Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY));
        run.setId("run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Run the lesson from the start (Space)"));
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> {
            commitSettings();
            vm.run();
        });

        Button pause = new Button();
        pause.setId("pause");
        pause.textProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(RunPhase.PAUSED))
                .then("Resume").otherwise("Pause"));
        FontIcon pauseIcon = new FontIcon(MaterialDesignP.PAUSE);
        vm.phaseProperty().subscribe(p -> pauseIcon.setIconCode(p == RunPhase.PAUSED ? MaterialDesignP.PLAY
                : MaterialDesignP.PAUSE));
        pause.setGraphic(pauseIcon);
        pause.setTooltip(new Tooltip("Pause the run, or resume it (Space). Paused, every thread stops at its next"
                + " action and you are the scheduler: step them one action at a time"));
        pause.disableProperty().bind(vm.canPauseProperty().not());
        pause.setOnAction(e -> vm.togglePause());
        // The wider of its two texts, so the toolbar does not jump when it changes.
        pause.setMinWidth(Region.USE_PREF_SIZE);
        pause.setPrefWidth(118);

        Button reset = new Button("Reset", new FontIcon(MaterialDesignR.RESTART));
        reset.setId("reset");
        reset.setTooltip(new Tooltip("End the run and clear the lanes (R)"));
        reset.disableProperty().bind(vm.canResetProperty().not());
        reset.setOnAction(e -> vm.reset());

        SettingSpinner workers = new SettingSpinner(1, Settings.MAX_WORKERS, vm.workersProperty().get(), "workers",
                "applies at once, also while the lesson runs");
        workers.setId("workers");
        workers.getValueFactory().valueProperty().bindBidirectional(vm.workersProperty());
        SettingSpinner cores = new SettingSpinner(1, Settings.MAX_CORES, vm.coresProperty().get(), "modelled cores",
                "applies at once, also while the lesson runs");
        cores.setId("cores");
        cores.getValueFactory().valueProperty().bindBidirectional(vm.coresProperty());
        cores.disableProperty().bind(vm.gilProperty());
        SettingSpinner speed = new SettingSpinner(Units.MIN_MS, Units.MAX_MS, vm.unitMsProperty().get(),
                "ms per unit", "applies on the next Run", SPEED_STEPS);
        speed.setId("speed");
        speed.getValueFactory().valueProperty().bindBidirectional(vm.unitMsProperty());
        spinners = List.of(workers, cores, speed);

        ToggleSwitch gil = new ThemedToggleSwitch("GIL");
        gil.setId("gil");
        gil.selectedProperty().bindBidirectional(vm.gilProperty());
        gil.setTooltip(new Tooltip("One core for all threads, like Python's global interpreter lock, at once even"
                + " while the lesson runs; switch off to get the previous number of cores back"));

        Label pending = new Label();
        pending.setId("pending");
        pending.getStyleClass().addAll(AppStyles.PENDING_HINT);
        pending.textProperty().bind(vm.pendingTextProperty());
        pending.visibleProperty().bind(vm.settingsPendingProperty());
        pending.managedProperty().bind(pending.visibleProperty());
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(vm.settingsProblemProperty());
        problem.visibleProperty().bind(Bindings.isNotEmpty(vm.settingsProblemProperty()));
        problem.managedProperty().bind(problem.visibleProperty());

        Button theme = new Button();
        theme.setId("theme");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        FontIcon themeIcon = new FontIcon();
        vm.themeProperty().subscribe(t -> themeIcon.setIconCode(t.isDark() ? MaterialDesignW.WHITE_BALANCE_SUNNY
                : MaterialDesignW.WEATHER_NIGHT));
        theme.setGraphic(themeIcon);
        theme.setTooltip(new Tooltip("Switch between the light and the dark (projector) theme (T)"));
        theme.setOnAction(e -> vm.toggleTheme());

        Button sweep = new Button("Sweep\u2026", new FontIcon(MaterialDesignC.CHART_LINE));
        sweep.setId("sweep");
        sweep.setMinWidth(Region.USE_PREF_SIZE);
        sweep.setTooltip(new Tooltip("Run the lesson for a range of workers and cores and chart the times, in a"
                + " window of its own (" + MainView.SWEEP_KEY.getDisplayText() + ")"));
        sweep.setOnAction(e -> openSweep.run());

        ToggleButton lessons = new ToggleButton(null, new FontIcon(MaterialDesignB.BOOK_OPEN_VARIANT));
        lessons.setId("lessons");
        lessons.getStyleClass().add(Styles.BUTTON_ICON);
        lessons.selectedProperty().bindBidirectional(vm.lessonsShownProperty());
        lessons.setTooltip(new Tooltip("Show or hide the list of lessons (L)"));

        ToggleButton code = new ToggleButton(null, new FontIcon(MaterialDesignC.CODE_BRACES));
        code.setId("show-code");
        code.getStyleClass().add(Styles.BUTTON_ICON);
        code.selectedProperty().bindBidirectional(vm.codeShownProperty());
        code.setTooltip(new Tooltip("Show or hide the lesson's code under the lanes (C)"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        getItems().addAll(lessons, code, new Separator(Orientation.VERTICAL), run, pause, reset, new Separator(Orientation.VERTICAL),
                setting("Workers", workers, vm, Scenario.Setting.WORKERS),
                setting("Cores", cores, vm, Scenario.Setting.CORES),
                shownFor(gil, vm, Scenario.Setting.CORES),
                setting("Speed", speed, vm, Scenario.Setting.UNIT, "ms per unit"),
                pending, problem, spacer, sweep, theme);
    }

    /** Commits text typed into the setting fields, so Run uses what is shown. */
    void commitSettings() {
        for (SettingSpinner s : spinners) s.commitValue();
    }

    private static Node setting(String caption, SettingSpinner spinner, MainViewModel vm, Scenario.Setting which,
                                String... unit) {
        Label label = new Label(caption);
        label.getStyleClass().add(AppStyles.SETTING_LABEL);
        label.setLabelFor(spinner);
        HBox box = new HBox(6, label, spinner);
        for (String u : unit) {
            Label l = new Label(u);
            l.getStyleClass().add(AppStyles.SETTING_LABEL);
            box.getChildren().add(l);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        return shownFor(box, vm, which);
    }

    private static Node shownFor(Node node, MainViewModel vm, Scenario.Setting which) {
        node.visibleProperty().bind(vm.exposedProperty(which));
        node.managedProperty().bind(node.visibleProperty());
        return node;
    }
}
