package org.threadlanes.ui.experiments;

import javafx.application.Application;

/**
 * Starts a demo from the class path: a main class that extends Application would need JavaFX on the module path.
 * {@code java ... org.threadlanes.ui.experiments.DemoMain sweep|metrics}
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "sweep";
        Application.launch(which.equals("metrics") ? MetricsDemo.class : SweepDemo.class, args);
    }
}
