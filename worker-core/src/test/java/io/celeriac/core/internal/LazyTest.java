package io.celeriac.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void builds_nothing_until_asked_and_then_once_for_every_thread() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        List<Object> closed = new ArrayList<>();
        lazy.ifBuilt(closed::add);
        assertEquals(0, builds.get());
        assertEquals(List.of(), closed, "closing an unbuilt value touches nothing");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Object>> askers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            askers.add(lazy::get);
        }
        List<Future<Object>> answers = pool.invokeAll(askers);
        pool.shutdown();
        Object first = answers.get(0).get();
        for (Future<Object> answer : answers) {
            assertSame(first, answer.get());
        }
        assertEquals(1, builds.get());
        lazy.ifBuilt(closed::add);
        assertEquals(List.of(first), closed);
    }
}
