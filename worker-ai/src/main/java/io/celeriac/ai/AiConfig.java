package io.celeriac.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code ai:} section of celeriac.yaml, with secrets and URLs from the environment. Built once
 * at wiring time from the section and an environment map (tests pass their own map).
 *
 * @param llm       the chat-completions endpoint; {@link Llm#configured()} false means the offline responder
 * @param sms       Twilio; {@link Sms#configured()} false means SMS go to the log channel
 * @param providers circuit breaker and Retry-After defaults shared by both providers
 * @param runs      retries, context and retention of runs
 * @param limits    what a user, a chat request or a run may create
 */
public record AiConfig(Llm llm, Sms sms, Providers providers, Runs runs, Limits limits) {

    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String TWILIO_BASE_URL = "https://api.twilio.com";

    /** @param baseUrl null when no LLM is configured */
    public record Llm(String baseUrl, String model, String apiKey, int maxSteps, int tokenBudget, Duration timeout,
                      Duration requestTimeout) {
        public boolean configured() {
            return baseUrl != null;
        }
    }

    /** @param timeout one Twilio call's limit; a send without an answer by then has an unknown outcome */
    public record Sms(String baseUrl, String accountSid, String authToken, String from, Duration timeout) {
        public boolean configured() {
            return accountSid != null && authToken != null && from != null;
        }

        /** How long after a send began its outcome may be reconciled: any request of it has ended by then. */
        public Duration reconcileAfter() {
            return timeout.plusSeconds(5);
        }
    }

    /**
     * @param maxActiveTasks active and paused tasks one user may have
     * @param minInterval    the shortest gap between two runs of a recurring task
     * @param horizon        the furthest ahead a run (in, at) or an end date (until) may be
     */
    public record Limits(int maxActiveTasks, Duration minInterval, Duration horizon) {
    }

    public record Providers(int breakerFailures, Duration breakerOpen, Duration defaultRetryAfter, Duration maxRetryAfter) {
    }

    /**
     * @param maxRetries  retries of a run whose provider is unavailable before it fails
     * @param recentRuns  earlier runs shown to the LLM
     * @param retention   finished runs older than this are deleted by cleanup_old_logs
     * @param sweepBatch  occurrences claimed per sweep transaction
     * @param staleRun    a run 'running' this long is taken to have died with its worker
     */
    public record Runs(int maxRetries, int recentRuns, Duration retention, int sweepBatch, Duration staleRun) {
    }

    public static AiConfig defaults() {
        return from(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), Map.of());
    }

    public static AiConfig from(JsonNode section, Map<String, String> env) {
        JsonNode llm = section.path("llm");
        String apiKey = env(env, text(llm, "api_key_env", "OPENAI_API_KEY"));
        String baseUrl = first(env(env, "CELERIAC_LLM_BASE_URL"), text(llm, "base_url", null));
        if (baseUrl == null && apiKey != null) {
            baseUrl = OPENAI_BASE_URL;
        }
        Llm llmSettings = new Llm(trimSlash(baseUrl), first(env(env, "CELERIAC_LLM_MODEL"), text(llm, "model", "gpt-4o-mini")),
                apiKey, positive(llm, "max_steps", 6, "ai.llm"), positive(llm, "token_budget", 12_000, "ai.llm"),
                duration(llm, "timeout", "60s", "ai.llm"), duration(llm, "request_timeout", "30s", "ai.llm"));

        JsonNode sms = section.path("sms");
        Sms smsSettings = new Sms(trimSlash(first(env(env, "TWILIO_BASE_URL"), text(sms, "base_url", TWILIO_BASE_URL))),
                env(env, text(sms, "account_sid_env", "TWILIO_ACCOUNT_SID")),
                env(env, text(sms, "auth_token_env", "TWILIO_AUTH_TOKEN")),
                env(env, text(sms, "from_env", "TWILIO_FROM_NUMBER")), duration(sms, "timeout", "10s", "ai.sms"));

        JsonNode providers = section.path("providers");
        Providers providerSettings = new Providers(positive(providers, "breaker_failures", 5, "ai.providers"),
                duration(providers, "breaker_open", "30s", "ai.providers"),
                duration(providers, "retry_after_default", "30s", "ai.providers"),
                duration(providers, "retry_after_max", "10m", "ai.providers"));

        JsonNode runs = section.path("runs");
        Runs runSettings = new Runs(positive(runs, "max_retries", 8, "ai.runs"), positive(runs, "recent_runs", 3, "ai.runs"),
                duration(runs, "retention", "30d", "ai.runs"), positive(runs, "sweep_batch", 100, "ai.runs"),
                duration(runs, "stale_run", "5m", "ai.runs"));
        JsonNode limits = section.path("limits");
        Limits limitSettings = new Limits(positive(limits, "max_active_tasks", 50, "ai.limits"),
                duration(limits, "min_interval", "5m", "ai.limits"), duration(limits, "horizon", "730d", "ai.limits"));
        if (limitSettings.minInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("ai.limits.min_interval: must be at least 1s");
        }
        return new AiConfig(llmSettings, smsSettings, providerSettings, runSettings, limitSettings);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText().strip();
    }

    private static int positive(JsonNode node, String field, int fallback, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw new ConfigException(path + "." + field + ": must be a whole number of at least 1, got " + value);
        }
        return value.asInt();
    }

    private static Duration duration(JsonNode node, String field, String fallback, String path) {
        try {
            return Durations.parse(text(node, field, fallback));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + "." + field + ": " + e.getMessage());
        }
    }

    private static String env(Map<String, String> env, String name) {
        String value = name == null ? null : env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String trimSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }
}
