package org.threadlanes.trace;

import java.util.Objects;

/**
 * A thread as the trace knows it: an id, a name and a role. Source-agnostic: the id need not be a JVM thread id
 * (a trace loaded from a file or an outside probe brings its own).
 *
 * @param id   unique within a trace
 * @param name as shown on the lane
 * @param role a free word such as {@code main}, {@code worker}, {@code thread}
 */
public record ThreadRef(long id, String name, String role) {
    public ThreadRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** Two refs name the same lane when their ids match; the first one a recorder sees gives name and role. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadRef other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    /** The ref for a live JVM thread. */
    public static ThreadRef of(Thread thread, String role) {
        return new ThreadRef(thread.getId(), thread.getName(), role);
    }
}
