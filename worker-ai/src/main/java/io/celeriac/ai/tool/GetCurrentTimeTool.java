package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.schedule.InvalidScheduleException;
import io.celeriac.core.schedule.Schedule;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** get_current_time: the run's "now" in the user's zone (or another), so the model never guesses the date. */
final class GetCurrentTimeTool implements AiTool {
    private final ObjectMapper json;

    GetCurrentTimeTool(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "get_current_time";
    }

    @Override
    public String description() {
        return "Current date and time in the user's time zone, or in the given IANA time zone.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode schema = Schemas.object(json);
        Schemas.property(schema, "timezone", "string", "IANA zone such as Europe/Paris; default: the user's zone");
        return schema;
    }

    @Override
    public String invoke(JsonNode arguments, ToolScope scope) {
        ZoneId zone = scope.user().zone();
        String asked = arguments.path("timezone").asText("");
        if (!asked.isBlank()) {
            try {
                zone = Schedule.zone(asked);
            } catch (InvalidScheduleException e) {
                throw new IllegalArgumentException("timezone: " + e.getMessage());
            }
        }
        ZonedDateTime local = scope.now().atZone(zone).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode out = json.createObjectNode();
        out.put("local", local.toLocalDateTime().toString());
        out.put("timezone", zone.getId());
        out.put("utc_offset", local.getOffset().getId());
        out.put("weekday", local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        out.put("utc", scope.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return out.toString();
    }
}
