package io.celeriac.sync;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One circuit breaker per provider ({@code notion}, {@code calendar:<host>}), shared by every task
 * run in the process: when a provider keeps timing out or failing with 5xx, the next calls fail at
 * once for a while instead of each waiting out its timeout. Only {@link ProviderUnavailableException}
 * counts as a failure; a refused token or a 429 says nothing about the provider's health.
 */
public final class ProviderBreakers {
    private final CircuitBreakerRegistry registry;
    private final Duration openFor;

    public ProviderBreakers(SyncSettings settings, Clock clock) {
        this.openFor = settings.breakerOpenFor();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(10, settings.breakerMinCalls()))
                .minimumNumberOfCalls(settings.breakerMinCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof ProviderUnavailableException)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        this.registry = CircuitBreakerRegistry.of(config);
    }

    /** Runs {@code call} through {@code provider}'s breaker; throws {@link ProviderBreakerOpenException} while it is open. */
    public <T> T call(String provider, Supplier<T> call) {
        CircuitBreaker breaker = registry.circuitBreaker(provider);
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw new ProviderBreakerOpenException(provider, openFor);
        }
    }

    /** For tests and metrics: whether {@code provider}'s breaker currently refuses calls. */
    public boolean isOpen(String provider) {
        return registry.circuitBreaker(provider).getState() == CircuitBreaker.State.OPEN;
    }
}
