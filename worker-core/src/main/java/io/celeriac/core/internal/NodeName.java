package io.celeriac.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name and process id, for worker names and Celery's {@code origin} header. */
public final class NodeName {
    private NodeName() {
    }

    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Celery's origin of a non-worker sender: {@code gen<pid>@<host>}. */
    public static String origin() {
        return "gen" + pid() + "@" + host();
    }
}
