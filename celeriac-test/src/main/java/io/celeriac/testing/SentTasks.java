package io.celeriac.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What was sent through an {@link EagerCeleriac}, oldest first, with the questions tests ask:
 *
 * <pre>{@code
 * SentTask sent = celeriac.sent().one("reports.build");
 * assertEquals("reports", sent.queue());
 * assertEquals(Duration.ofMinutes(5), sent.countdown());
 * assertEquals(new ReportRequest("2024-Q1"), sent.arg(0, ReportRequest.class));
 * celeriac.sent().none("mail.send");
 * }</pre>
 *
 * A failed expectation is an {@link AssertionError} listing everything that was sent.
 */
public final class SentTasks {
    private final List<SentTask> sent = new CopyOnWriteArrayList<>();

    void add(SentTask task) {
        sent.add(task);
    }

    /** Everything sent, oldest first. */
    public List<SentTask> all() {
        return List.copyOf(sent);
    }

    /** The messages of task {@code task}, oldest first. */
    public List<SentTask> named(String task) {
        return sent.stream().filter(s -> s.task().equals(task)).toList();
    }

    /** The messages routed to {@code queue}, oldest first. */
    public List<SentTask> toQueue(String queue) {
        return sent.stream().filter(s -> s.queue().equals(queue)).toList();
    }

    /** The one message of {@code task}; fails when there is none or more than one. */
    public SentTask one(String task) {
        List<SentTask> found = named(task);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + task + " sent, found " + found.size() + "; sent: " + describe());
        }
        return found.get(0);
    }

    /** The most recent message of {@code task}; fails when there is none. */
    public SentTask last(String task) {
        List<SentTask> found = named(task);
        if (found.isEmpty()) {
            throw new AssertionError("expected " + task + " sent, found none; sent: " + describe());
        }
        return found.get(found.size() - 1);
    }

    /** Fails when {@code task} was sent. */
    public void none(String task) {
        List<SentTask> found = named(task);
        if (!found.isEmpty()) {
            throw new AssertionError("expected no " + task + " sent, found " + found.size() + ": " + found);
        }
    }

    public int size() {
        return sent.size();
    }

    /** Forgets what was sent so far (results are kept). */
    public void clear() {
        sent.clear();
    }

    private String describe() {
        List<SentTask> all = new ArrayList<>(sent);
        return all.isEmpty() ? "nothing" : all.stream().map(SentTask::toString).collect(Collectors.joining("; ", "[", "]"));
    }

    @Override
    public String toString() {
        return describe();
    }
}
