package org.threadlanes.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless entry point: {@code java -jar target/threadlanes.jar <command>}.
 *
 * <p>Exit codes: 0 success, 2 bad input (unknown scenario, out-of-range setting, malformed file), 3 timeout.
 */
@Command(name = "threadlanes", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run ThreadLanes lessons without a window.",
        subcommands = {ListCommand.class, RunCommand.class, ShowCommand.class, SweepCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input of any kind. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when a run did not end in time. */
    public static final int EXIT_TIMEOUT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (list, run, show, sweep, bench)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // Bad input is one clear line, never a stack trace.
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("threadlanes: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                err.println("threadlanes: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("threadlanes: internal error: " + ex);
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"ThreadLanes " + (v == null ? "(development build)" : v)};
        }
    }
}
