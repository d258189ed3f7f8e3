package io.celeriac.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Options;
import io.celeriac.Signature;
import io.celeriac.TaskState;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.routing.Router;
import io.celeriac.core.schedule.Schedule;
import io.celeriac.core.task.TaskRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The broker, result backend and beat of an {@link EagerCeleriac}, in memory and on a manual
 * clock. A message due when it is sent runs at once on the sender's thread (as Celery's
 * {@code task_always_eager}); one with a countdown or an ETA, a retry with its delay and a
 * periodic entry's next run wait until the clock reaches them:
 * <ol>
 *   <li>{@link #advance(Duration)} finds the earliest waiting message or periodic run;</li>
 *   <li>moves the clock to its instant and runs everything due then (which may queue more);</li>
 *   <li>repeats until nothing is due before the target, and leaves the clock at the target.</li>
 * </ol>
 * Synchronized: tasks run one at a time, and a task that sends a task runs it before going on.
 */
final class EagerRuntime {
    private final ManualClock clock;
    private final ObjectMapper json;
    private final Router router;
    private final RandomGenerator random;
    private final TaskRegistry registry;
    private final TaskRunner runner;
    private final SentTasks sent = new SentTasks();
    private final Map<String, ResultSlot> results = new ConcurrentHashMap<>();
    private final PriorityQueue<Queued> waiting = new PriorityQueue<>(Comparator.comparing(Queued::due).thenComparingLong(Queued::seq));
    private final List<Periodic> periodic;
    private final Deque<String> running = new ArrayDeque<>();
    private long seq;

    EagerRuntime(ManualClock clock, ObjectMapper json, TaskRegistry registry, Router router, RandomGenerator random, List<Periodic> periodic) {
        this.clock = clock;
        this.json = json;
        this.router = router;
        this.random = random;
        this.registry = registry;
        this.runner = new TaskRunner(this, registry);
        this.periodic = List.copyOf(periodic);
        this.periodic.forEach(entry -> entry.start(clock.instant()));
    }

    /** A periodic entry (a beat schedule line) and its next run. */
    static final class Periodic {
        final Schedule schedule;
        final Signature<?> signature;
        Instant next;

        Periodic(Schedule schedule, Signature<?> signature) {
            this.schedule = schedule;
            this.signature = signature;
        }

        void start(Instant now) {
            next = schedule.nextAfter(now).orElse(null);
        }
    }

    /** Registers more tasks, as a worker's builder is given them. */
    synchronized void register(java.util.function.Consumer<io.celeriac.core.api.WorkerSetup> tasks) {
        io.celeriac.core.api.WorkerSetup setup = new io.celeriac.core.api.WorkerSetup();
        tasks.accept(setup);
        io.celeriac.core.api.TypedTasks.register(registry, setup, json);
    }

    ManualClock clock() {
        return clock;
    }

    ObjectMapper json() {
        return json;
    }

    SentTasks sent() {
        return sent;
    }

    ResultSlot slot(String id) {
        return results.computeIfAbsent(id, ResultSlot::new);
    }

    String newId() {
        return Ids.uuid(random);
    }

    RandomGenerator random() {
        return random;
    }

    /** Sends a signature; {@code args} first gets {@code previous} when it is a step that takes the previous result. */
    synchronized String send(Signature<?> signature, String id, JsonNode previous, Queued.Then then) {
        ArrayNode args = json.valueToTree(signature.args());
        if (previous != null && !signature.isImmutable()) {
            args.insert(0, previous);
        }
        ObjectNode kwargs = json.valueToTree(signature.kwargs());
        return send(id, signature.task(), args, kwargs, signature.options(), then);
    }

    /** Records the message as sent, then runs it now or keeps it for its time. */
    synchronized String send(String givenId, String task, ArrayNode args, ObjectNode kwargs, Options options, Queued.Then then) {
        Instant now = clock.instant();
        String id = givenId != null ? givenId : options.taskId() != null ? options.taskId() : newId();
        String queue = router.route(task, options.queue());
        Instant eta = options.eta() != null ? options.eta()
                : options.countdown() != null && !options.countdown().isZero() ? now.plus(options.countdown()) : null;
        String parent = running.peek();
        sent.add(new SentTask(id, task, args.deepCopy(), kwargs.deepCopy(), queue, options.priority(), options.countdown(), eta,
                options.expires(), now, parent));
        slot(id);
        schedule(new Queued(seq++, id, task, args, kwargs, queue, eta == null ? now : eta, options.expires(), 0, parent, then));
        return id;
    }

    /** Runs {@code message} now if it is due, else keeps it until the clock reaches it. */
    synchronized void schedule(Queued message) {
        if (message.due().isAfter(clock.instant())) {
            waiting.add(message);
        } else {
            running.push(message.id());
            try {
                runner.run(message);
            } finally {
                running.pop();
            }
        }
    }

    /** The same message again at {@code at}, one retry further on. */
    synchronized void retry(Queued message, Instant at) {
        schedule(message.retried(seq++, at));
    }

    synchronized void advance(Duration by) {
        Instant target = clock.instant().plus(by);
        for (Instant next = nextEvent(); next != null && !next.isAfter(target); next = nextEvent()) {
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            runDue();
        }
        clock.set(target);
    }

    /** Runs every waiting message and periodic run due at the clock's time, in due order, missed periodic runs included. */
    synchronized void runDue() {
        Instant now = clock.instant();
        boolean ran = true;
        while (ran) {
            ran = false;
            for (Periodic entry : periodic) {
                while (entry.next != null && !entry.next.isAfter(now)) {
                    Instant at = entry.next;
                    entry.next = entry.schedule.nextAfter(at).orElse(null);
                    send(entry.signature, null, null, Queued.Then.NOTHING);
                    ran = true;
                }
            }
            Queued head = waiting.peek();
            if (head != null && !head.due().isAfter(now)) {
                waiting.poll();
                schedule(head);
                ran = true;
            }
        }
    }

    private Instant nextEvent() {
        Instant next = waiting.isEmpty() ? null : waiting.peek().due();
        for (Periodic entry : periodic) {
            if (entry.next != null && (next == null || entry.next.isBefore(next))) {
                next = entry.next;
            }
        }
        return next;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Revokes a task that has not ended: it will not run (Celery's {@code revoke}). */
    synchronized void revoke(String id) {
        ResultSlot slot = slot(id);
        slot.ended(TaskState.REVOKED, ExceptionInfo.celery("TaskRevokedError", "revoked"), null, clock.instant());
    }
}
