package org.threadlanes.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Scenarios;

/** The desktop app (placeholder until the lanes view lands): lists the lessons. */
public final class ThreadLanesApp extends Application {
    @Override
    public void start(Stage stage) {
        ListView<String> list = new ListView<>();
        for (Scenario s : Scenarios.all()) list.getItems().add(s.id() + " — " + s.title());
        stage.setTitle("ThreadLanes");
        stage.setScene(new Scene(list, 640, 400));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
