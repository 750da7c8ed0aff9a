package org.threadlanes.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The lesson library: every {@link Scenario} registered with ServiceLoader, in teaching order. */
public final class Scenarios {
    private static final List<Scenario> ALL = ServiceLoader.load(Scenario.class, Scenario.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(Scenario::topic).thenComparingInt(Scenario::order)
                    .thenComparing(Scenario::id))
            .collect(Collectors.toUnmodifiableList());

    /** The id the app opens with. */
    public static final String DEFAULT_ID = "thread-lifecycle";

    private Scenarios() {
    }

    /** Every lesson, grouped by topic in course order. */
    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> find(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The lesson with this id.
     *
     * @throws IllegalArgumentException naming the unknown id and a close match, if any
     */
    public static Scenario require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(unknown(id)));
    }

    static String unknown(String id) {
        String near = ALL.stream().map(Scenario::id)
                .min(Comparator.comparingInt(other -> distance(id, other))).orElse(null);
        String msg = "unknown scenario '" + id + "'";
        if (near != null && distance(id, near) <= Math.max(2, id.length() / 3)) msg += " (did you mean '" + near + "'?)";
        return msg + "; 'list' shows them all";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
