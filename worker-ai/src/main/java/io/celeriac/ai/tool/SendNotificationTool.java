package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.ai.notify.Notifier;
import java.util.EnumSet;
import java.util.Set;

/**
 * send_notification: delivers the model's message to the user during a run. Only the channels the
 * task chose and the user allows can be used: any other is refused and the model is told why.
 * Each channel carries one message per run; a second call is told the channel has its message. A
 * provider that is unavailable does not stop the run: the message is kept and sent when the
 * provider is back, and the model is told not to call again.
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
        return "Send the result to the user by SMS and/or e-mail, on the task's channels only. Each channel carries one message per run.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode s = Schemas.object(services.json());
        Schemas.property(s, "message", "string", "The text to send; keep SMS short");
        Schemas.property(s, "subject", "string", "E-mail subject; default: the task's title");
        Schemas.property(s, "channels", "array", "sms, email; default: every channel of the task");
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
        Notifier notifier = services.notifier();
        ObjectNode out = services.json().createObjectNode();
        for (Channel channel : channels) {
            String refused = scope.refusals().get(channel);
            if (refused != null) {
                out.put(channel.dbName(), "refused: " + refused + "; do not use it");
                continue;
            }
            if (!notifier.plan(scope.runId(), channel, subject == null ? scope.task().title() : subject, message)) {
                out.put(channel.dbName(), "already has its message for this run; not sent again");
                continue;
            }
            Notifier.Delivery delivery = notifier.deliver(scope.runId(), scope.user(), channel);
            out.put(channel.dbName(), describe(delivery));
        }
        return out.toString();
    }

    private static String describe(Notifier.Delivery delivery) {
        if (delivery.status() == Notification.Status.SENT) {
            return "sent";
        }
        if (delivery.status() == Notification.Status.FAILED) {
            return "failed: " + delivery.detail();
        }
        return "not confirmed yet (" + delivery.detail() + "); it will be completed automatically with this message: "
                + "do not call again for this channel";
    }
}
