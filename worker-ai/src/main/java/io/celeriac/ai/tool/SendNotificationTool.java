package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.model.Channel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * send_notification: delivers the model's message to the user during a run. Each channel is sent at
 * most once per run; a second call (or a retried run) is told the channel was already notified.
 */
final class SendNotificationTool implements AiTool {
    private final ToolServices services;

    SendNotificationTool(ToolServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "send_notification";
    }

    @Override
    public String description() {
        return "Send the result to the user by SMS and/or e-mail. Each channel can be used once per run.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode s = Schemas.object(services.json());
        Schemas.property(s, "message", "string", "The text to send; keep SMS short");
        Schemas.property(s, "subject", "string", "E-mail subject; default: the task's title");
        Schemas.property(s, "channels", "array", "sms, email; default: the task's channels");
        Schemas.required(s, "message");
        return s;
    }

    @Override
    public boolean availableIn(ToolScope scope) {
        return scope.runId() != null && scope.task() != null;
    }

    @Override
    public String invoke(JsonNode arguments, ToolScope scope) {
        String message = Schemas.text(arguments, "message");
        if (message == null) {
            throw new IllegalArgumentException("message: must not be empty");
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        String listed = Schemas.list(arguments.get("channels"));
        if (listed == null || listed.isBlank()) {
            channels.addAll(scope.task().channels());
        } else {
            try {
                channels.addAll(Channel.parseList(listed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channels: '" + listed + "': channels are sms and email");
            }
        }
        String subject = Schemas.text(arguments, "subject");
        Map<Channel, String> outcome = services.notifier().notify(scope.runId(), scope.user(),
                subject == null ? scope.task().title() : subject, message, channels);
        ObjectNode out = services.json().createObjectNode();
        outcome.forEach((channel, result) -> out.put(channel.dbName(), result));
        return out.toString();
    }
}
