package org.threadlanes.scenario;

/** The course's chapters, in teaching order; the scenario browser groups lessons by them. */
public enum Topic {
    THREADS("Threads"),
    SYNCHRONIZATION("Synchronization"),
    POOLS_AND_FUTURES("Pools and futures"),
    CPU_VS_IO("CPU vs I/O"),
    DEADLOCKS("Deadlocks"),
    EXPERIMENTS("Experiments");

    private final String title;

    Topic(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
