package io.celeriac.dashboard;

import io.celeriac.core.message.TaskState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A task search as typed in the form and kept in the URL ({@code /tasks?name=&state=&queue=&from=&to=&text=}).
 * Every field is optional; a bad one is an {@link IllegalArgumentException} (400) naming it.
 *
 * @param name  a glob on the task name ({@code *} any run, {@code ?} one character), case-sensitive
 * @param state WAITING, DELAYED, DEAD, or a result state (SUCCESS, FAILURE, ...)
 * @param from  inclusive, UTC; a date alone is its midnight
 * @param to    exclusive, UTC; a date alone is the next midnight (the whole day included)
 * @param text  a case-insensitive substring of the arguments (args, kwargs and their reprs)
 */
public record TaskQuery(String name, String state, String queue, Instant from, Instant to, String text) {
    /** The states a search can ask for: where a task sits, or the state of its stored result. */
    public static final Set<String> STATES;

    static {
        Set<String> states = new TreeSet<>(Set.of("WAITING", "DELAYED", "DEAD"));
        Arrays.stream(TaskState.values()).map(Enum::name).forEach(states::add);
        STATES = java.util.Collections.unmodifiableSet(states);
    }

    public static TaskQuery parse(Function<String, String> param) {
        String state = blankToNull(param.apply("state"));
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!STATES.contains(state)) {
                throw new IllegalArgumentException("state must be one of " + STATES + ", got \"" + param.apply("state") + "\"");
            }
        }
        Instant from = time("from", param.apply("from"), false);
        Instant to = time("to", param.apply("to"), true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new TaskQuery(blankToNull(param.apply("name")), state, blankToNull(param.apply("queue")), from, to,
                blankToNull(param.apply("text")));
    }

    public boolean isEmpty() {
        return name == null && state == null && queue == null && from == null && to == null && text == null;
    }

    /** Whether a hit passes every filter given. */
    public boolean matches(TaskHit hit) {
        return matcher().test(hit);
    }

    /** The filters as one test, the name's glob compiled once: a search tests thousands of hits. */
    public java.util.function.Predicate<TaskHit> matcher() {
        Pattern names = name == null ? null : glob(name);
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        return hit -> (names == null || (hit.name() != null && names.matcher(hit.name()).matches()))
                && (state == null || state.equals(hit.state()))
                && (queue == null || queue.equals(hit.queue()))
                && (from == null || (hit.at() != null && !hit.at().isBefore(from)))
                && (to == null || (hit.at() != null && hit.at().isBefore(to)))
                && (needle == null || (hit.argumentText() != null && hit.argumentText().toLowerCase(Locale.ROOT).contains(needle)));
    }

    /** The filters as a query string ({@code &name=...}), for the pager's links. */
    public String queryString() {
        StringBuilder q = new StringBuilder();
        append(q, "name", name);
        append(q, "state", state);
        append(q, "queue", queue);
        append(q, "from", from == null ? null : from.toString());
        append(q, "to", to == null ? null : to.toString());
        append(q, "text", text);
        return q.toString();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void append(StringBuilder q, String key, String value) {
        if (value != null) {
            q.append('&').append(key).append('=').append(Html.url(value));
        }
    }

    private static Instant time(String field, String text, boolean endOfDay) {
        text = blankToNull(text);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            // what an HTML datetime-local field sends: no zone, read as UTC
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date (2026-12-07) or a UTC time (2026-12-07T10:30 or "
                    + "2026-12-07T10:30:00Z), got \"" + text + "\"");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
