package org.threadlanes.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.threadlanes.scenario.Scenario;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Topic;

/** {@code list}: every lesson's id and title, by topic. */
@Command(name = "list", description = "List the lessons: ids and titles, by topic.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Topic topic = null;
        int width = Scenarios.all().stream().mapToInt(s -> s.id().length()).max().orElse(10);
        for (Scenario s : Scenarios.all()) {
            if (s.topic() != topic) {
                topic = s.topic();
                out.println(topic.title() + ":");
            }
            out.printf("  %-" + width + "s  %s%n", s.id(), s.title());
        }
        return 0;
    }
}
