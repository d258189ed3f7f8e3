package io.celeriac.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible endpoint on a MockWebServer, speaking the real Chat Completions JSON (tool
 * calls with JSON-string arguments). Replies are scripted in order; with none left it answers "done".
 */
final class MockLlm implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();

    final MockWebServer server = new MockWebServer();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger callIds = new AtomicInteger();
    private volatile Runnable onRequest = () -> { };

    MockLlm() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(Instant.now());
                onRequest.run();
                try {
                    // GET /models (the connection check) has no body
                    requests.add(request.getBody() == null || request.getBody().size() == 0
                            ? JSON.createObjectNode().put("get", request.getTarget())
                            : JSON.readTree(request.getBody().utf8()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                MockResponse next = script.poll();
                return next != null ? next : answerResponse("done", 5);
            }
        });
        server.start(0);
    }

    String baseUrl() {
        return server.url("/v1").toString();
    }

    /** Next reply: the model calls these tools, each call given as name and arguments object. */
    MockLlm thenCalls(String... nameAndArgs) {
        return thenReplies(null, 40, nameAndArgs);
    }

    /** Next reply: text (may be null) and tool calls, costing {@code tokens}. */
    MockLlm thenReplies(String content, int tokens, String... nameAndArgs) {
        ObjectNode root = completion(content, tokens);
        ObjectNode message = (ObjectNode) root.path("choices").path(0).path("message");
        ArrayNode calls = message.putArray("tool_calls");
        for (int i = 0; i < nameAndArgs.length; i += 2) {
            ObjectNode call = calls.addObject().put("id", "call_" + callIds.incrementAndGet()).put("type", "function");
            // the API sends arguments as a JSON string, not an object
            call.putObject("function").put("name", nameAndArgs[i]).put("arguments", nameAndArgs[i + 1]);
        }
        ((ObjectNode) root.path("choices").path(0)).put("finish_reason", "tool_calls");
        script.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(root.toString()).build());
        return this;
    }

    /** Runs {@code action} as each request arrives, before it is answered (a test moves its clock: "this request took 25 s"). */
    MockLlm onRequest(Runnable action) {
        onRequest = action;
        return this;
    }

    /** Next reply: an answer held back for {@code stall} (a model that hangs mid-request). */
    MockLlm thenStalls(java.time.Duration stall, String text) {
        script.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(completion(text, 25).toString()).headersDelay(stall.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build());
        return this;
    }

    MockLlm thenAnswers(String text) {
        script.add(answerResponse(text, 25));
        return this;
    }

    MockLlm thenFails(int code, String retryAfter, String message) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}");
        if (retryAfter != null) {
            b.addHeader("Retry-After", retryAfter);
        }
        script.add(b.build());
        return this;
    }

    private static MockResponse answerResponse(String text, int tokens) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(completion(text, tokens).toString()).build();
    }

    private static ObjectNode completion(String content, int tokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        root.putObject("usage").put("prompt_tokens", tokens / 2).put("completion_tokens", tokens - tokens / 2)
                .put("total_tokens", tokens);
        return root;
    }

    @Override
    public void close() {
        server.close();
    }
}
