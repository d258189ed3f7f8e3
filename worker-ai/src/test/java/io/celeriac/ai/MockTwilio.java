package io.celeriac.ai;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Twilio's Messages API on a MockWebServer: form-encoded requests in, its JSON out (201, or scripted errors). */
final class MockTwilio implements AutoCloseable {
    static final String SID = "AC0123456789";

    final MockWebServer server = new MockWebServer();
    final List<Map<String, String>> messages = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();

    MockTwilio() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                MockResponse scripted = script.poll();
                if (scripted != null) {
                    return scripted;
                }
                messages.add(form(request.getBody().utf8()));
                return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                        .body("{\"sid\":\"SM" + messages.size() + "\",\"status\":\"queued\",\"account_sid\":\"" + SID + "\"}").build();
            }
        });
        server.start(0);
    }

    String baseUrl() {
        return server.url("").toString();
    }

    /** The next request gets Twilio's error body with this status. */
    MockTwilio thenFails(int status, int code, String message) {
        script.add(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                        + code + "\",\"status\":" + status + "}").build());
        return this;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
