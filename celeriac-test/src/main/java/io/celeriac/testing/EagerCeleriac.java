package io.celeriac.testing;

import io.celeriac.Celeriac;
import io.celeriac.GroupResult;
import io.celeriac.Signature;
import io.celeriac.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Celeriac} for tests: no Redis, no worker. Sending a task records the message (see
 * {@link #sent()}) and runs the task at once on the caller's thread, bound from the same JSON a
 * worker would read, so a record that does not survive the trip fails here too. A task sent with
 * a countdown or an ETA, a retry and a periodic entry wait for the {@link ManualClock}:
 * {@link #advance(Duration)} moves it and runs what falls due, in order, each at its own time.
 *
 * <pre>{@code
 * EagerCeleriac celeriac = EagerCeleriac.builder()
 *         .task(GREET, (greeting, context) -> "Hello, " + greeting.name())
 *         .tasks(new Reports())                       // @CeleriacTask methods
 *         .route("reports.*", "reports")
 *         .build();
 * assertEquals("Hello, Ada", celeriac.send(GREET, new Greeting("Ada", "en")).get(Duration.ZERO));
 *
 * new Signup(celeriac).register("ada@example.com");   // your code, given the client
 * SentTask reminder = celeriac.sent().one("mail.remind");
 * assertEquals(Duration.ofDays(1), reminder.countdown());
 * celeriac.advance(Duration.ofDays(1));                // the reminder runs now
 * }</pre>
 *
 * <p>A task without a body here (one a Python worker runs, say) is recorded and stays PENDING.
 * Chains pass each result on, groups collect theirs, chords run their body once with the parts'
 * results in order or fail it with Celery's ChordError. Tasks run one at a time; a task that sends
 * a task runs it before going on (Celery's {@code task_always_eager}).
 */
public final class EagerCeleriac implements Celeriac {
    private final EagerRuntime runtime;

    EagerCeleriac(EagerRuntime runtime) {
        this.runtime = runtime;
    }

    public static EagerCeleriacBuilder builder() {
        return new EagerCeleriacBuilder();
    }

    /**
     * Adds the {@link io.celeriac.CeleriacTask} methods of {@code bean} after the client was built:
     * for containers whose task beans take the client (a task that sends tasks).
     */
    public EagerCeleriac addTasks(Object bean) {
        runtime.register(setup -> setup.beans.add(bean));
        return this;
    }

    /** Adds a typed task after the client was built. */
    public <A, R> EagerCeleriac addTask(io.celeriac.Task<A, R> task, io.celeriac.TaskFunction<A, R> body) {
        runtime.register(setup -> setup.typed.add(new io.celeriac.core.api.WorkerSetup.Typed<>(task, body)));
        return this;
    }

    /** What was sent so far, by the test, the code under test and the tasks themselves. */
    public SentTasks sent() {
        return runtime.sent();
    }

    public ManualClock clock() {
        return runtime.clock();
    }

    /** Moves the clock by {@code by}, running each waiting task and periodic run as the clock reaches it. */
    public void advance(Duration by) {
        runtime.advance(by);
    }

    /** Runs what is due at the clock's time now (after the clock was moved directly). */
    public void runDue() {
        runtime.runDue();
    }

    /** Messages waiting for their time: countdowns, ETAs, retries. */
    public int waiting() {
        return runtime.waiting();
    }

    @Override
    public <R> TaskResult<R> send(Signature<R> signature) {
        String id = runtime.send(signature, null, null, Queued.Then.NOTHING);
        return result(id, signature);
    }

    @Override
    public <R> TaskResult<R> chain(List<Signature<?>> steps, Signature<R> last) {
        List<Queued.Step> all = new ArrayList<>();
        for (Signature<?> step : steps) {
            all.add(new Queued.Step(step, idOf(step)));
        }
        Queued.Step end = new Queued.Step(last, idOf(last));
        all.add(end);
        runtime.send(all.get(0).signature(), all.get(0).id(), null, Queued.Then.chain(all.subList(1, all.size())));
        return result(end.id(), last);
    }

    @Override
    public <R> GroupResult<R> group(List<Signature<R>> members) {
        List<TaskResult<R>> results = new ArrayList<>(members.size());
        for (Signature<R> member : members) {
            results.add(send(member));
        }
        return new io.celeriac.core.api.DefaultGroupResult<>(runtime.newId(), results);
    }

    @Override
    public <P, R> TaskResult<R> chord(List<Signature<P>> header, Signature<R> body) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a chord needs at least one header member (Celery sends the body at once for none: send it instead)");
        }
        Chord chord = new Chord(new Queued.Step(body, idOf(body)), header.size());
        runtime.slot(chord.body.id());
        for (int i = 0; i < header.size(); i++) {
            runtime.send(header.get(i), null, null, Queued.Then.chordPart(chord, i));
        }
        return result(chord.body.id(), body);
    }

    @Override
    public <R> TaskResult<R> result(String taskId, Class<R> type) {
        return new EagerResult<>(runtime.slot(taskId), runtime.json().constructType(type), runtime);
    }

    private <R> TaskResult<R> result(String id, Signature<R> signature) {
        return new EagerResult<>(runtime.slot(id), signature.resultType(), runtime);
    }

    private String idOf(Signature<?> signature) {
        return signature.options().taskId() != null ? signature.options().taskId() : runtime.newId();
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

}
