package io.celeriac.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Circuit breakers by key ({@code calendar feed example.com:443}, {@code notion api.notion.com:443},
 * {@code llm}), shared by every task run in the process: when a provider keeps failing, the next
 * calls fail at once for a while instead of each waiting out its timeout.
 *
 * <p>Fair on a shared host: a call for a {@link Caller} with a source passes two breakers, the
 * key's (shared by everyone) and the source's own. The source's opens on that source's failures;
 * the shared one only when failures come from {@link BreakerPolicy#minFailingUsers()} distinct
 * users. So one user's feeds at a host that fails for them cannot defer anyone else's feeds there.
 *
 * <p>Only {@link ProviderUnavailableException} counts as a failure (and a 429 only when the policy
 * says so): a refused token says nothing about the provider's health. At most {@value #MAX_KEYS}
 * breakers are kept, least recently used dropped first, so users adding hosts cannot grow it
 * without bound.
 */
public final class CircuitBreakers {
    static final int MAX_KEYS = 10_000;

    private final BreakerPolicy policy;
    private final Clock clock;
    private final Map<String, Breaker> breakers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Breaker> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public CircuitBreakers(BreakerPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        BreakerGauges.track(this);
    }

    /**
     * Runs {@code call} through {@code key}'s breakers for {@code caller}.
     *
     * @throws BreakerOpenException when a breaker refuses (the call was not made)
     */
    public <T> T call(String key, Caller caller, Supplier<T> call) {
        Breaker shared = breaker(key, policy);
        Breaker own = caller.source() == null ? null : breaker(sourceKey(key, caller), policy.alone());
        Instant now = clock.instant();
        if (!shared.tryAcquire(now)) {
            throw new BreakerOpenException(key, shared.remaining(now));
        }
        if (own != null && !own.tryAcquire(now)) {
            shared.release();
            throw new BreakerOpenException(key, own.remaining(now));
        }
        boolean failed = false;
        try {
            return call.get();
        } catch (ProviderUnavailableException e) {
            failed = !e.rateLimited() || policy.rateLimitsTrip();
            throw e;
        } finally {
            Instant end = clock.instant();
            shared.record(caller.user(), failed, end);
            if (own != null) {
                own.record(caller.user(), failed, end);
            }
        }
    }

    /** Whether {@code key}'s shared breaker refuses calls now. */
    public boolean isOpen(String key) {
        return state(key) == Breaker.State.OPEN;
    }

    /** Whether {@code caller}'s own breaker for {@code key} refuses calls now. */
    public boolean isOpen(String key, Caller caller) {
        return state(sourceKey(key, caller)) == Breaker.State.OPEN;
    }

    /** "closed", "open" or "half_open", for status output. */
    public String stateOf(String key) {
        return state(key).name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How long {@code key}'s shared breaker stays open; zero when it is not. */
    public Duration openFor(String key) {
        Breaker breaker;
        synchronized (breakers) {
            breaker = breakers.get(key);
        }
        return breaker == null ? Duration.ZERO : breaker.remaining(clock.instant());
    }

    private Breaker.State state(String key) {
        Breaker breaker;
        synchronized (breakers) {
            breaker = breakers.get(key);
        }
        return breaker == null ? Breaker.State.CLOSED : breaker.state(clock.instant());
    }

    private Breaker breaker(String key, BreakerPolicy with) {
        synchronized (breakers) {
            Breaker breaker = breakers.get(key);
            if (breaker == null) {
                breaker = new Breaker(with);
                breakers.put(key, breaker);
                if (with == policy) {
                    BreakerGauges.seen(key);
                }
            }
            return breaker;
        }
    }

    /** How many shared breakers of {@code provider} ({@link BreakerGauges#provider}) are open now. */
    long openShared(String provider) {
        Instant now = clock.instant();
        List<Map.Entry<String, Breaker>> each;
        synchronized (breakers) {
            each = new java.util.ArrayList<>(breakers.entrySet());
        }
        return each.stream().filter(e -> !e.getKey().contains(" source ") && BreakerGauges.provider(e.getKey()).equals(provider))
                .filter(e -> e.getValue().state(now) == Breaker.State.OPEN).count();
    }

    private static String sourceKey(String key, Caller caller) {
        return key + " source " + caller.source();
    }
}
