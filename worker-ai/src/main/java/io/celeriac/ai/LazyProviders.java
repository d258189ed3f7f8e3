package io.celeriac.ai;

import io.celeriac.ai.llm.ChatMessage;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.llm.ChatReply;
import io.celeriac.ai.llm.ToolSpec;
import io.celeriac.ai.notify.SmsSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Stand-ins for the providers that build them on first call. Wiring the module for a command that
 * only writes the database ({@code ai create}, {@code ai list}) then never starts the HTTP client
 * and its TLS setup, about 0.3 s of such a command here.
 */
final class LazyProviders {
    private LazyProviders() {
    }

    static ChatModel chatModel(Supplier<ChatModel> real) {
        return new ChatModel() {
            @Override
            public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools) {
                return real.get().complete(messages, tools);
            }

            @Override
            public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools, Duration within) {
                return real.get().complete(messages, tools, within);
            }

            @Override
            public String problem() {
                return real.get().problem();
            }
        };
    }

    static SmsSender sms(Supplier<SmsSender> real, String name) {
        return new SmsSender() {
            @Override
            public String send(String to, String body, String idempotencyKey) {
                return real.get().send(to, body, idempotencyKey);
            }

            @Override
            public Optional<String> findSent(String to, String body, Instant since, Predicate<String> known) {
                return real.get().findSent(to, body, since, known);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
