package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiException;
import io.celeriac.ai.llm.ChatMessage;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.llm.ChatReply;
import io.celeriac.ai.llm.ToolCall;
import io.celeriac.ai.llm.ToolSpec;
import io.celeriac.http.ProviderUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * An OpenAI-compatible Chat Completions endpoint ({@code POST <base>/chat/completions}): hosted
 * APIs, Ollama, vLLM. Tools are sent as functions; the model's tool calls come back with their
 * arguments as JSON text, which {@link io.celeriac.ai.tool.ToolBox} parses.
 */
public final class OpenAiChatModel implements ChatModel {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final AiConfig.Llm settings;
    private final ProviderCall call;
    private final ObjectMapper json;

    /** Built by {@link AiHttp#chatModel()}. */
    OpenAiChatModel(AiConfig.Llm settings, ProviderCall call, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.call = call;
    }

    @Override
    public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools) {
        return complete(messages, tools, settings.requestTimeout());
    }

    @Override
    public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> tools, Duration within) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode out = body.putArray("messages");
        messages.forEach(m -> out.add(message(m)));
        if (!tools.isEmpty()) {
            ArrayNode list = body.putArray("tools");
            for (ToolSpec tool : tools) {
                ObjectNode function = list.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                function.put("description", tool.description());
                function.set("parameters", tool.parameters());
            }
            body.put("tool_choice", "auto");
        }
        Request.Builder request = new Request.Builder().url(settings.baseUrl() + "/chat/completions")
                .post(RequestBody.create(body.toString(), JSON_TYPE));
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        Duration limit = within.compareTo(settings.requestTimeout()) < 0 ? within : settings.requestTimeout();
        return reply(call.execute(request.build(), limit.isNegative() ? Duration.ZERO : limit));
    }

    @Override
    public String problem() {
        Request.Builder request = new Request.Builder().url(settings.baseUrl() + "/models").get();
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            call.execute(request.build());
            return null;
        } catch (AiException | ProviderUnavailableException e) {
            return e.getMessage();
        }
    }

    private ObjectNode message(ChatMessage m) {
        ObjectNode node = json.createObjectNode();
        node.put("role", m.role());
        if (m.content() == null) {
            node.putNull("content");
        } else {
            node.put("content", m.content());
        }
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            }
        }
        if (m.toolCallId() != null) {
            node.put("tool_call_id", m.toolCallId());
        }
        return node;
    }

    private ChatReply reply(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            throw new MalformedReplyException("the LLM's reply is not JSON: " + e.getMessage());
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new MalformedReplyException("the LLM's reply has no choices");
        }
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode args = c.path("function").path("arguments");
            // the API sends a JSON string; some local servers send the object itself
            calls.add(new ToolCall(c.path("id").asText("call_" + calls.size()), c.path("function").path("name").asText(),
                    args.isTextual() ? args.asText() : args.toString()));
        }
        String content = message.path("content").isTextual() ? message.path("content").asText() : null;
        return new ChatReply(content, calls, root.path("usage").path("total_tokens").asInt(0),
                choice.path("finish_reason").asText(null));
    }

    /** The endpoint answered 2xx with something that is not a chat completion. */
    public static final class MalformedReplyException extends AiException {
        MalformedReplyException(String message) {
            super(message);
        }
    }
}
