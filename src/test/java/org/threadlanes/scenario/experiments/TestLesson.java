package org.threadlanes.scenario.experiments;

import java.util.Set;

import org.threadlanes.scenario.Listing;
import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Settings;
import org.threadlanes.scenario.Topic;

/** A test-only lesson: everything but {@link #run} is filler. */
abstract class TestLesson implements Scenario {
    private final String id;

    TestLesson(String id) {
        this.id = id;
    }

    @Override public String id() { return id; }
    @Override public String title() { return id; }
    @Override public String summary() { return id; }
    @Override public Topic topic() { return Topic.EXPERIMENTS; }
    @Override public int order() { return 99; }
    @Override public LessonText text() { return new LessonText("", "", ""); }
    @Override public Settings defaults() { return new Settings(1, 1, 10); }
    @Override public Set<Setting> exposed() { return Set.of(Setting.WORKERS); }
    @Override public Listing listing() { return Listing.of("task()", ""); }
}
