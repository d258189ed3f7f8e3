package io.celeriac.http;

/**
 * Who a call is for, so its failure is attributed fairly: to its {@code source} (a feed, an
 * integration), which gets a breaker of its own, and to its {@code user}, who counts once however
 * many failing sources they have. Both null for calls the process makes for itself.
 */
public record Caller(String user, String source) {
    public static final Caller PROCESS = new Caller(null, null);

    public static Caller of(long user, long source) {
        return new Caller(Long.toString(user), Long.toString(source));
    }
}
