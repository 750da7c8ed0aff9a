package org.threadlanes.ui.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.threadlanes.scenario.Scenarios;

/**
 * What the app was started with, so a teacher can open straight into a lesson:
 * {@code --scenario=loiter-map --theme=dark --run}. Bad options are collected as one-line messages (shown in the
 * status bar) and otherwise ignored: the app still opens.
 *
 * @param scenarioId the lesson to select, or null for the default
 * @param theme      the theme to start with, or null for the default
 * @param run        whether to start the lesson at once
 * @param problems   one message per option that could not be used
 */
public record LaunchOptions(String scenarioId, AppTheme theme, boolean run, List<String> problems) {
    public LaunchOptions {
        problems = List.copyOf(problems);
    }

    /** No options: the default lesson, light theme, not running. */
    public static final LaunchOptions NONE = new LaunchOptions(null, null, false, List.of());

    /**
     * Reads JavaFX's application parameters.
     *
     * @param named   {@code --key=value} options
     * @param unnamed the other arguments
     */
    public static LaunchOptions parse(Map<String, String> named, List<String> unnamed) {
        String scenario = null;
        AppTheme theme = null;
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
                default -> problems.add("unknown option --" + e.getKey() + "; use --scenario=ID, --theme=light|dark"
                        + " or --run");
            }
        }
        for (String arg : unnamed) {
            if (arg.equals("--run")) run = true;
            else problems.add("unknown argument '" + arg + "'; use --scenario=ID, --theme=light|dark or --run");
        }
        return new LaunchOptions(scenario, theme, run, problems);
    }
}
