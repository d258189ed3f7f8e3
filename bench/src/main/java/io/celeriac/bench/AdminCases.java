package io.celeriac.bench;

import java.util.List;

/**
 * The admin commands the bench times, each with the Celery command that does the same job where
 * Celery has one, and what differs between the two (labels use QUEUE, NODE and ID for the bench's
 * private names).
 */
final class AdminCases {
    static final String AI_CREATE_LABEL = "celeriac ai create --user U --prompt TEXT --in 1d";

    /**
     * One command and its Celery counterpart.
     *
     * @param celery     null when Celery has no such command, or no Celery is installed
     * @param celeryNote how the Celery command differs, or why it is missing
     */
    record Case(String name, String celeriacLabel, TimedCommand celeriac, String celeryLabel, TimedCommand celery,
                String celeryNote) {
    }

    private final CeleriacCli celeriac;
    private final CeleryCli celery;
    private final String celeryMissing;
    private final String queue;
    private final String node;
    private final String taskId;

    AdminCases(CeleriacCli celeriac, CeleryCli celery, String celeryMissing, String queue, String node, String taskId) {
        this.celeriac = celeriac;
        this.celery = celery;
        this.celeryMissing = celeryMissing;
        this.queue = queue;
        this.node = node;
        this.taskId = taskId;
    }

    CeleriacCli celeriac() {
        return celeriac;
    }

    /** status, send, result, inspect: the commands that need only Redis. */
    List<Case> core() {
        return List.of(
                pair("status", "celeriac status", celeriac.command("status"),
                        "celery status -d NODE -t 5", List.of("status", "-d", node, "-t", "5"),
                        "Celery pings the workers; -d NODE returns at the bench worker's reply, where a plain"
                                + " `celery status` always waits its whole --timeout (1 s). Celeriac reads the"
                                + " heartbeats in Redis and asks no worker"),
                pair("send", "celeriac send celeriac.noop --queue QUEUE", celeriac.command("send", "celeriac.noop", "--queue=" + queue),
                        "celery call celeriac.noop --queue QUEUE", List.of("call", "celeriac.noop", "--queue", queue),
                        "the same: one message on the queue, its id printed"),
                pair("result", "celeriac result ID", celeriac.command("result", taskId),
                        "celery result ID", List.of("result", taskId),
                        "the same: a stored SUCCESS result read from Redis and printed"),
                pair("inspect ping", "celeriac inspect ping -d NODE -t 5s", celeriac.command("inspect", "ping", "-d", node, "-t", "5s"),
                        "celery inspect ping -d NODE -t 5", List.of("inspect", "ping", "-d", node, "-t", "5"),
                        "the same: a ping over kombu's pidbox, answered by the bench worker"));
    }

    /** {@code ai create} in the bench's database, for user {@code userId}. */
    Case aiCreate(CeleriacCli inDatabase, String userId) {
        return new Case("ai create", AI_CREATE_LABEL,
                inDatabase.command("ai", "create", "--user", userId, "--prompt", "bench: stretch", "--in", "1d"),
                "celery: none", null, "no Celery equivalent: an application command (a row in PostgreSQL, its dispatch message in Redis)");
    }

    private Case pair(String name, String celeriacLabel, TimedCommand celeriacCommand, String celeryLabel, List<String> celeryArgs,
                      String note) {
        if (celery == null) {
            return new Case(name, celeriacLabel, celeriacCommand, celeryLabel, null, celeryMissing);
        }
        return new Case(name, celeriacLabel, celeriacCommand, celeryLabel, celery.command(celeryArgs.toArray(String[]::new)), note);
    }
}
