package io.celeriac.sync;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer answering by path, like a calendar host or Notion: each path has a responder a
 * test can swap; every request is kept for assertions.
 */
final class FeedServer implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    FeedServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                Function<RecordedRequest, MockResponse> route = routes.get(request.getUrl().encodedPath());
                return route == null ? new MockResponse.Builder().code(404).build() : route.apply(request);
            }
        });
        server.start();
    }

    /** An iCalendar feed with validators that answers 304 when they come back (when {@code honour}). */
    static Function<RecordedRequest, MockResponse> feed(String body, String etag, boolean honour) {
        return request -> {
            if (honour && etag.equals(request.getHeaders().get("If-None-Match"))) {
                return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
            }
            return new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "text/calendar; charset=utf-8")
                    .addHeader("ETag", etag)
                    .addHeader("Last-Modified", "Sun, 01 Nov 2026 08:00:00 GMT")
                    .body(body).build();
        };
    }

    static Function<RecordedRequest, MockResponse> status(int code, String... headers) {
        return request -> {
            MockResponse.Builder response = new MockResponse.Builder().code(code);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                response.addHeader(headers[i], headers[i + 1]);
            }
            return response.body("{\"object\":\"error\",\"status\":" + code + ",\"code\":\"x\",\"message\":\"refused\"}").build();
        };
    }

    /** URL of {@code path} on this server as host {@code localhost}, or {@code 127.0.0.1} (another breaker). */
    String url(String path, boolean otherHost) {
        String base = server.url(path).toString();
        return otherHost ? base.replace("localhost", "127.0.0.1") : base.replace("127.0.0.1", "localhost");
    }

    long count(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).count();
    }

    RecordedRequest last(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).reduce((a, b) -> b).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
    }
}
