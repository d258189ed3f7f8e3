package io.celeriac.core.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value built on first use, once, however many threads ask: for what a process may never need
 * (a module's HTTP client, its database wiring), so that starting does not pay for it.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                v = value;
            }
        }
        return v;
    }

    /** Runs {@code action} on the value if it was built (closing without building it first). */
    public void ifBuilt(Consumer<T> action) {
        T v = value;
        if (v != null) {
            action.accept(v);
        }
    }
}
