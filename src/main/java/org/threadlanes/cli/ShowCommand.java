package org.threadlanes.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.threadlanes.executor.Units;
import org.threadlanes.trace.Event;
import org.threadlanes.trace.TraceFile;
import org.threadlanes.trace.TraceFiles;
import org.threadlanes.trace.TraceFormatException;

/** {@code show FILE}: reads a trace file back and prints what every thread did. */
@Command(name = "show", description = "Read a trace file and print its per-thread summary and result.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A trace written by 'run --trace'.")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(file)) throw new BadInputException(file + ": no such file");
        TraceFile trace;
        try {
            trace = TraceFiles.read(file);
        } catch (TraceFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Event> events = trace.events();
        long end = events.isEmpty() ? 0 : events.get(events.size() - 1).tNs();
        double nsPerUnit = unitMs(trace.settings()) * 1e6;
        out.printf("%s: %d threads, %d tasks, %d events, %s units%n", trace.scenario(), trace.threads().size(),
                trace.tasks().size(), events.size(), Units.format(Math.round(end / nsPerUnit * 100) / 100.0));
        RunCommand.printStateTable(out, events, end, ns -> ns / nsPerUnit);
        ObjectMapper json = new ObjectMapper();
        out.println("result: " + json.writeValueAsString(trace.result()));
        if (trace.deadlock() != null) out.println("deadlock: " + json.writeValueAsString(trace.deadlock()));
        return 0;
    }

    private static double unitMs(Map<String, Object> settings) {
        Object v = settings == null ? null : settings.get("unitMs");
        return v instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 1000;
    }
}
