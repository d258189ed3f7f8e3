package io.celeriac.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Twilio's Messages API on a MockWebServer, in its own JSON: {@code POST Messages.json}
 * (form-encoded To, From, Body; 201 with the message resource, or scripted errors and delays) and
 * {@code GET Messages.json} (the list, filtered by To, From and the {@code DateSent>} /
 * {@code DateSent<} days, newest first), which a reconciliation reads.
 */
final class MockTwilio implements AutoCloseable {
    static final String SID = "AC0123456789";
    private static final ObjectMapper JSON = Json.mapper();
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    final MockWebServer server = new MockWebServer();
    /** Messages Twilio took (a POST answered 201, even late, or preloaded): To, From, Body, sid, created. */
    final List<Map<String, String>> messages = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();
    /** Twilio's clock, for date_created: the test's clock, so a manual clock's windows match. */
    volatile java.time.Clock clock = java.time.Clock.systemUTC();
    /** While set, the message list answers 503. */
    volatile boolean listDown;

    MockTwilio() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                if ("GET".equals(request.getMethod())) {
                    return listDown ? new MockResponse.Builder().code(503).addHeader("Content-Type", "application/json")
                            .body("{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}").build() : list(request);
                }
                MockResponse scripted = script.poll();
                if (scripted != null) {
                    return scripted;
                }
                Map<String, String> message = form(request.getBody().utf8());
                ObjectNode resource = take(message, clock.instant());
                MockResponse.Builder ok = new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                        .body(resource.toString());
                Duration delay = delays.poll();
                if (delay != null) {
                    // Twilio took it, and answers after the client gave up
                    ok.headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
                }
                return ok.build();
            }
        });
        server.start(0);
    }

    String baseUrl() {
        return server.url("").toString();
    }

    /** POST requests received (sends, whatever their answer). */
    long posts() {
        return requests.stream().filter(r -> "POST".equals(r.getMethod())).count();
    }

    long lists() {
        return requests.stream().filter(r -> "GET".equals(r.getMethod())).count();
    }

    /** The next request gets Twilio's error body with this status. */
    MockTwilio thenFails(int status, int code, String message) {
        script.add(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                        + code + "\",\"status\":" + status + "}").build());
        return this;
    }

    /** The next accepted message is taken at once but answered only after {@code delay}. */
    MockTwilio thenAnswersAfter(Duration delay) {
        delays.add(delay);
        return this;
    }

    /** A message Twilio already has (sent by a worker that died before recording it). */
    void preload(String to, String from, String body, Instant created) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("To", to);
        message.put("From", from);
        message.put("Body", body);
        take(message, created);
    }

    private ObjectNode take(Map<String, String> message, Instant created) {
        String sid = "SM" + String.format("%032d", messages.size() + 1);
        message.put("sid", sid);
        message.put("created", created.toString());
        messages.add(message);
        return resource(message);
    }

    private static ObjectNode resource(Map<String, String> m) {
        String date = RFC_2822.format(Instant.parse(m.get("created")).atOffset(ZoneOffset.UTC));
        ObjectNode o = JSON.createObjectNode();
        o.put("account_sid", SID).put("api_version", "2010-04-01").put("body", m.get("Body"))
                .put("date_created", date).put("date_sent", date).put("date_updated", date).put("direction", "outbound-api")
                .put("from", m.get("From")).put("num_segments", "1").put("sid", m.get("sid")).put("status", "sent")
                .put("to", m.get("To")).put("uri", "/2010-04-01/Accounts/" + SID + "/Messages/" + m.get("sid") + ".json");
        return o;
    }

    private MockResponse list(RecordedRequest request) {
        var url = request.getUrl();
        String to = url.queryParameter("To");
        String from = url.queryParameter("From");
        String after = url.queryParameter("DateSent>");
        String before = url.queryParameter("DateSent<");
        List<Map<String, String>> matching = new ArrayList<>();
        for (Map<String, String> m : messages) {
            String day = m.get("created").substring(0, 10);
            if ((to == null || to.equals(m.get("To"))) && (from == null || from.equals(m.get("From")))
                    && (after == null || day.compareTo(after) >= 0) && (before == null || day.compareTo(before) <= 0)) {
                matching.add(0, m);
            }
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("messages");
        matching.forEach(m -> list.add(resource(m)));
        page.put("end", matching.size() - 1).put("first_page_uri", url.encodedPath()).putNull("next_page_uri")
                .put("page", 0).put("page_size", 50).putNull("previous_page_uri").put("start", 0).put("uri", url.encodedPath());
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(page.toString()).build();
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
