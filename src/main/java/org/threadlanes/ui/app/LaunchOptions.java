package org.threadlanes.ui.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.threadlanes.executor.Units;
import org.threadlanes.scenario.Scenarios;
import org.threadlanes.scenario.Settings;

/**
 * What the app was started with, so a teacher can open straight into a lesson:
 * {@code --scenario=workload --theme=dark --unit=500 --workers=4 --cores=2 --tab=metrics --code=java --run}. Bad
 * options are collected as one-line messages (shown in the status bar) and otherwise ignored: the app still opens.
 *
 * @param scenarioId the lesson to select, or null for the default
 * @param theme      the theme to start with, or null for the default
 * @param unitMs     milliseconds per lesson unit, or null for the lesson's default
 * @param workers    pool size, or null for the lesson's default
 * @param cores      modelled cores, or null for the lesson's default
 * @param tab        the side panel's tab to show, or null for the lesson
 * @param javaCode   whether the code panel shows Java (true) or Python (false), or null for Python
 * @param run        whether to start the lesson at once
 * @param problems   one message per option that could not be used
 */
public record LaunchOptions(String scenarioId, AppTheme theme, Integer unitMs, Integer workers, Integer cores,
                            SideTab tab, Boolean javaCode, boolean run, List<String> problems) {
    public LaunchOptions {
        problems = List.copyOf(problems);
    }

    /** Lesson, theme, speed and Run only. */
    public LaunchOptions(String scenarioId, AppTheme theme, Integer unitMs, boolean run, List<String> problems) {
        this(scenarioId, theme, unitMs, null, null, null, null, run, problems);
    }

    private static final String USAGE = "use --scenario=ID, --theme=light|dark, --unit=MS, --workers=N, --cores=N,"
            + " --tab=lesson|tasks|metrics, --code=python|java or --run";

    /** No options: the default lesson, light theme, not running. */
    public static final LaunchOptions NONE = new LaunchOptions(null, null, null, false, List.of());

    /**
     * Reads JavaFX's application parameters.
     *
     * @param named   {@code --key=value} options
     * @param unnamed the other arguments
     */
    public static LaunchOptions parse(Map<String, String> named, List<String> unnamed) {
        String scenario = null;
        AppTheme theme = null;
        Integer unitMs = null, workers = null, cores = null;
        SideTab tab = null;
        Boolean javaCode = null;
        boolean run = false;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : named.entrySet()) {
            String value = e.getValue().strip();
            switch (e.getKey()) {
                case "scenario" -> {
                    try {
                        scenario = Scenarios.require(value).id();
                    } catch (IllegalArgumentException ex) {
                        problems.add(ex.getMessage());
                    }
                }
                case "theme" -> {
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "light" -> theme = AppTheme.LIGHT;
                        case "dark" -> theme = AppTheme.DARK;
                        default -> problems.add("unknown theme '" + value + "'; use light or dark");
                    }
                }
                case "unit" -> {
                    try {
                        int ms = Integer.parseInt(value);
                        if (ms < Units.MIN_MS || ms > Units.MAX_MS) throw new NumberFormatException();
                        unitMs = ms;
                    } catch (NumberFormatException ex) {
                        problems.add("--unit must be a whole number of ms from " + Units.MIN_MS + " to " + Units.MAX_MS
                                + ", not '" + value + "'");
                    }
                }
                case "workers" -> workers = whole(value, "--workers", 1, Settings.MAX_WORKERS, problems);
                case "cores" -> cores = whole(value, "--cores", 1, Settings.MAX_CORES, problems);
                case "tab" -> {
                    for (SideTab t : SideTab.values()) if (t.optionName().equalsIgnoreCase(value)) tab = t;
                    if (tab == null) problems.add("unknown tab '" + value + "'; use lesson, tasks or metrics");
                }
                case "code" -> {
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "python" -> javaCode = false;
                        case "java" -> javaCode = true;
                        default -> problems.add("unknown code language '" + value + "'; use python or java");
                    }
                }
                default -> problems.add("unknown option --" + e.getKey() + "; " + USAGE);
            }
        }
        for (String arg : unnamed) {
            if (arg.equals("--run")) run = true;
            else problems.add("unknown argument '" + arg + "'; " + USAGE);
        }
        return new LaunchOptions(scenario, theme, unitMs, workers, cores, tab, javaCode, run, problems);
    }

    /** {@code value} as a whole number in {@code min..max}, or null with a message in {@code problems}. */
    private static Integer whole(String value, String option, int min, int max, List<String> problems) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // told below, as for a number out of range
        }
        problems.add(option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        return null;
    }
}
