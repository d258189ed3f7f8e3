package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 29's fleet-clock proof with real processes: two workers and two beats whose clocks are 30 s
 * ahead and 30 s behind, an AI task every 10 s (the minimum interval lowered for the test) and a
 * beat sweep every 5 s racing the task's own wake-ups. Over about a minute each occurrence runs
 * once (one model call), notifies once per channel (one SMS, one queued e-mail), and nothing
 * happens before the occurrence's time.
 */
class ClockSkewProcessIT {
    private static final Logger log = LoggerFactory.getLogger(ClockSkewProcessIT.class);
    private static final long SKEW_MS = 30_000;
    private static final int OCCURRENCES = 5;

    @Test
    void skewed_workers_and_beats_run_each_occurrence_once_notify_once_per_channel_and_never_early() throws Exception {
        String yaml = "ai:\n  limits:\n    min_interval: 10s\n"
                + "beat:\n  entries:\n    sweep: {task: personal_assistant.workers.tasks.ai_tasks.process_due_ai_tasks, every: 5s}\n";
        try (AiProcesses p = new AiProcesses(yaml)) {
            User user = p.runtime.wired().users().add("Ada", "ada@example.com", "+15557654321", ZoneId.of("Europe/Paris"),
                    true, true, p.app.clock().instant());
            // the engine's own lease recovery compares heartbeats written on each worker's clock: a
            // lease longer than twice the skew keeps it from taking a live worker for dead
            p.worker("ahead", SKEW_MS, Duration.ofSeconds(90));
            p.worker("behind", -SKEW_MS, Duration.ofSeconds(90));
            p.beat(SKEW_MS);
            p.beat(-SKEW_MS);
            Eventually.await("both workers up", Duration.ofSeconds(60),
                    () -> p.app.redisBroker().workerHeartbeats().keySet().containsAll(List.of("ahead", "behind")));

            AiTask task = p.runtime.wired().service().create(new TaskRequest(user.id(), "Water", "Drink some water",
                    null, null, null, null, "10s", null, "sms,email", OCCURRENCES, null, "skew")).task();
            Eventually.await(OCCURRENCES + " runs finished", Duration.ofSeconds(OCCURRENCES * 10L + 40),
                    () -> finished(p, task).size() >= OCCURRENCES);
            Eventually.await("the e-mails queued", Duration.ofSeconds(10), () -> p.queued("email_tasks") >= OCCURRENCES);

            List<AiTaskRun> runs = finished(p, task);
            assertEquals(OCCURRENCES, runs.size());
            Instant previous = null;
            for (AiTaskRun run : runs) {
                assertEquals(RunStatus.SUCCEEDED, run.status(), "run " + run.id());
                assertEquals(1, run.attempts(), "run " + run.id() + " ran once");
                assertEquals("email=sent sms=sent", run.notification());
                assertTrue(!run.claimedAt().isBefore(run.scheduledFor()), "claimed early: " + run);
                if (previous != null) {
                    assertEquals(Duration.ofSeconds(10), Duration.between(previous, run.scheduledFor()), "every occurrence, once");
                }
                previous = run.scheduledFor();
            }
            assertEquals(OCCURRENCES, p.llm.requests.size(), "one model call per occurrence");
            assertEquals(OCCURRENCES, p.twilio.messages.size(), "one SMS per occurrence");
            assertEquals(OCCURRENCES, p.queued("email_tasks"), "one e-mail per occurrence");
            Set<String> keys = new HashSet<>();
            for (String list : p.app.keys().queueLists("email_tasks")) {
                for (Object body : p.app.redis().getList(list, org.redisson.client.codec.StringCodec.INSTANCE).readAll()) {
                    JsonNode message = Json.mapper().readTree(body.toString());
                    keys.add(message.toString().replaceAll(".*(ai-run-\\d+-email).*", "$1"));
                }
            }
            assertEquals(OCCURRENCES, keys.size(), "a distinct e-mail per run: " + keys);
            List<Duration> lateness = new ArrayList<>();
            for (int i = 0; i < OCCURRENCES; i++) {
                Duration late = Duration.between(runs.get(i).scheduledFor(), p.llm.arrivals.get(i));
                lateness.add(late);
                assertTrue(!late.isNegative(), "the model was asked " + late.negated().toMillis() + " ms early");
                Instant sms = Instant.parse(p.twilio.messages.get(i).get("created"));
                assertTrue(!sms.isBefore(runs.get(i).scheduledFor()), "SMS before its occurrence");
            }
            log.atInfo().addKeyValue("occurrences", OCCURRENCES).addKeyValue("llm_late_ms", lateness.stream().map(Duration::toMillis).toList())
                    .log("skewed fleet ran every occurrence once");
            assertEquals(List.of(), p.personalDataInLogs(), "no phone number or e-mail address in the processes' logs");
        }
    }

    private static List<AiTaskRun> finished(AiProcesses p, AiTask task) {
        return p.runtime.wired().runs().latest(task.id(), 50).stream().filter(r -> r.status().isFinished())
                .sorted(Comparator.comparing(AiTaskRun::scheduledFor)).toList();
    }
}
