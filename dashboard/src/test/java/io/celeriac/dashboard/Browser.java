package io.celeriac.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** A test's HTTP client with a cookie jar, like one browser tab: redirects are seen, not followed. */
final class Browser {
    /** What came back. */
    record Page(int status, String body, String location, List<String> setCookies) {
        /** The CSRF token of the first form on the page. */
        String csrf() {
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF token on the page: " + body);
            }
            return m.group(1);
        }
    }

    private final String base;
    private final List<Cookie> cookies = new ArrayList<>();
    private final OkHttpClient http;

    Browser(int port) {
        this(port, Map.of());
    }

    /** A browser behind a proxy that adds {@code headers} to every request. */
    Browser(int port, Map<String, String> headers) {
        this.base = "http://127.0.0.1:" + port;
        this.http = new OkHttpClient.Builder().addInterceptor(chain -> {
            Request.Builder request = chain.request().newBuilder();
            headers.forEach(request::header);
            return chain.proceed(request.build());
        }).followRedirects(false).callTimeout(Duration.ofSeconds(120)).readTimeout(Duration.ofSeconds(120)).cookieJar(new CookieJar() {
            @Override
            public void saveFromResponse(HttpUrl url, List<Cookie> received) {
                received.forEach(c -> {
                    cookies.removeIf(old -> old.name().equals(c.name()));
                    cookies.add(c);
                });
            }

            @Override
            public List<Cookie> loadForRequest(HttpUrl url) {
                return List.copyOf(cookies);
            }
        }).build();
    }

    Page get(String path) {
        return call(new Request.Builder().url(base + path).get().build());
    }

    Page post(String path, Map<String, String> form) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        return call(new Request.Builder().url(base + path).post(body.build()).build());
    }

    /** Logs in through the form; returns the response to the login POST. */
    Page login(String user, String password) {
        String csrf = get("/login").csrf();
        return post("/login", Map.of("csrf", csrf, "user", user, "password", password, "next", "/"));
    }

    private Page call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Page(response.code(), response.body().string(), response.header("Location"), response.headers("Set-Cookie"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
