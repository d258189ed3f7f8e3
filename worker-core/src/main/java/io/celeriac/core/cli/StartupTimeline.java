package io.celeriac.core.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a long-running command's start goes, from the JVM's start: each step's mark is the JVM's
 * uptime when it ended. {@code --loglevel=DEBUG} prints the steps on one line once the command is
 * ready, e.g. {@code startup: main 0.18 s, options 0.21 s, config 0.24 s, connected 0.29 s, ready
 * 0.36 s}; before {@code main} the JVM itself starts and loads the launcher's class archive. One
 * timeline per process: the CLI starts one command.
 */
public final class StartupTimeline {
    private static final Logger log = LoggerFactory.getLogger(StartupTimeline.class);
    private static final List<String> marks = new ArrayList<>();

    private StartupTimeline() {
    }

    /** Marks the end of the step {@code name} (cheap: one uptime read; nothing printed). */
    public static synchronized void mark(String name) {
        marks.add(String.format("%s %.2f s", name, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
    }

    /** Marks {@code ready} and logs the timeline at DEBUG. */
    public static synchronized void ready() {
        mark("ready");
        log.debug("startup: {}", String.join(", ", marks));
    }
}
