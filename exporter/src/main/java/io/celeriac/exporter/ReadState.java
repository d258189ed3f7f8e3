package io.celeriac.exporter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a store could be read, logged once per change: an exporter pointed at a Redis that is
 * down, or that refuses its password, says so in one line and again only when that changes (back
 * up, or failing in another way: unreachable, a refused password), never a stack trace per pass.
 */
final class ReadState {
    private static final Logger log = LoggerFactory.getLogger(ReadState.class);

    private final String store;
    private String failing;
    private boolean everRead;

    ReadState(String store) {
        this.store = store;
    }

    void readable() {
        if (failing != null || !everRead) {
            log.atInfo().addKeyValue("store", store).log(everRead || failing != null ? "store readable again" : "store readable");
        }
        failing = null;
        everRead = true;
    }

    /** Logs when the kind of failure changes (unreachable, refused password...), not each time its wording does. */
    void unreadable(String reason) {
        if (failing == null || !kind(reason).equals(kind(failing))) {
            log.atWarn().addKeyValue("store", store).addKeyValue("reason", reason).log("store cannot be read; its gauges are withdrawn");
        }
        failing = reason;
    }

    /** A reason's kind: what comes before its first colon ("unreachable", "refused the password (WRONGPASS)"). */
    private static String kind(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** The reason it is failing now, or null. */
    String failing() {
        return failing;
    }

    /**
     * One line for what went wrong reading Redis: a refused password is a setting to fix, told
     * apart from an outage to wait out; otherwise the deepest cause's message.
     */
    static String describe(Throwable error) {
        Throwable root = error;
        boolean connection = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            connection |= t instanceof java.io.IOException || t.getClass().getSimpleName().contains("Connection");
            String message = String.valueOf(t.getMessage());
            if (message.contains("WRONGPASS") || message.contains("invalid password")) {
                return "refused the password (WRONGPASS): check the password in the broker URL";
            }
            if (message.contains("NOAUTH")) {
                return "requires a password (NOAUTH) and the broker URL has none";
            }
            root = t;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return (connection ? "unreachable: " : "read failed: ") + io.celeriac.core.internal.LogSafe.of(message, 200);
    }
}
