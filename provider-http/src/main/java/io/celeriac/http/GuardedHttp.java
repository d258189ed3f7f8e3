package io.celeriac.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Requests to URLs that a user or an LLM supplied (calendar feeds, links), which must not reach
 * the host's own network: every address is checked where the connection is made (see
 * {@link HttpClients#guarded}), and redirects are followed here, at most {@value #MAX_REDIRECTS}
 * hops, each an http(s) URL that goes through the same checks. All hops share the client's call
 * timeout. The client is built on first use.
 */
public final class GuardedHttp implements AutoCloseable {
    public static final int MAX_REDIRECTS = 5;

    private final ClientSettings settings;
    private final Supplier<OkHttpClient> factory;
    private volatile OkHttpClient client;

    public GuardedHttp(ClientSettings settings, AddressPolicy policy, Resolver resolver) {
        this.settings = settings;
        this.factory = () -> HttpClients.guarded(settings, policy, resolver);
    }

    /**
     * Executes {@code request} (a GET or HEAD), following redirects; the caller closes the answer.
     *
     * @throws AddressRefusedException when a hop would reach a refused address (nothing was sent to it)
     * @throws IOException             when no answer came: refused, reset, timed out, too many redirects
     */
    public Response execute(Request request) throws IOException {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            throw new IllegalArgumentException("guarded requests are GET or HEAD, not " + request.method());
        }
        long deadline = System.nanoTime() + settings.callTimeout().toNanos();
        Request current = request;
        for (int hop = 0; ; hop++) {
            Call call = client().newCall(current);
            if (!settings.callTimeout().isZero()) {
                call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            Response response = call.execute();
            HttpUrl next = redirectTarget(response);
            if (next == null) {
                return response;
            }
            response.close();
            if (hop == MAX_REDIRECTS) {
                throw new ProtocolException("more than " + MAX_REDIRECTS + " redirects");
            }
            Request.Builder following = current.newBuilder().url(next);
            if (!next.host().equals(current.url().host()) || next.port() != current.url().port()) {
                following.removeHeader("Authorization").removeHeader("Cookie"); // credentials stay with their origin
            }
            current = following.build();
        }
    }

    /** Where a redirect points; null when {@code response} is not a redirect. */
    private static HttpUrl redirectTarget(Response response) throws ProtocolException {
        int code = response.code();
        if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
            return null;
        }
        String location = response.header("Location");
        if (location == null) {
            return null;
        }
        // HttpUrl resolves only http and https; anything else (file:, gopher:) is no URL to follow
        HttpUrl next = response.request().url().resolve(location);
        if (next == null) {
            throw new ProtocolException("a redirect to something that is not an http(s) URL");
        }
        return next;
    }

    private OkHttpClient client() {
        OkHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = factory.get();
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public void close() {
        OkHttpClient built = client;
        if (built != null) {
            HttpClients.shutdown(built);
        }
    }
}
