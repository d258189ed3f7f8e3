package io.celeriac.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.Celeriac;
import io.celeriac.CeleriacTask;
import io.celeriac.Options;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The starter against the real Redis: properties to a client and a worker running the application's task beans. */
class StarterIT {
    record Order(String id, int items) {
    }

    static final Task<Order, String> SHIP = Task.of("shop.ship", Order.class, String.class);

    /** A task bean that uses the injected client: it starts only once the context is ready. */
    @Component
    static class Invoices {
        private final Celeriac celeriac;

        Invoices(Celeriac celeriac) {
            this.celeriac = celeriac;
        }

        @CeleriacTask("shop.invoice")
        String invoice(String orderId, int items, TaskContext context) {
            return "invoice for " + orderId + " (" + items + " items) on " + context.queue() + (celeriac != null ? "" : "?");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ShopApplication {
        @Bean
        Invoices invoices(Celeriac celeriac) {
            return new Invoices(celeriac);
        }

        @Bean
        TaskBean<Order, String> ship() {
            return TaskBean.of(SHIP, (order, context) -> "shipped " + order.id());
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    static String url() {
        var url = TestRedis.url();
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    @Test
    void the_context_starts_a_worker_for_its_task_beans_and_an_injected_client_reaches_them() {
        String prefix = TestApp.randomPrefix();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CeleriacAutoConfiguration.class))
                .withUserConfiguration(ShopApplication.class)
                .withPropertyValues("celeriac.broker-url=" + url(), "celeriac.key-prefix=" + prefix + "celeriac:",
                        "celeriac.kombu-key-prefix=" + prefix, "celeriac.worker.queues=shop,celery",
                        "celeriac.worker.concurrency=2", "celeriac.worker.name=shop@test",
                        "celeriac.routes[0].pattern=shop.*", "celeriac.routes[0].queue=shop")
                .run(context -> {
                    Celeriac celeriac = context.getBean(Celeriac.class);
                    assertEquals("shipped o-1", celeriac.send(SHIP, new Order("o-1", 3)).get(Duration.ofSeconds(15)));
                    assertEquals("invoice for o-2 (2 items) on shop", celeriac.send("shop.invoice", List.of("o-2"),
                            Map.of("items", 2), Options.defaults()).get(Duration.ofSeconds(15)).asText(), "routed to shop by the property");

                    CeleriacHealthIndicator health = context.getBean(CeleriacHealthIndicator.class);
                    assertEquals(Status.UP, health.health().getStatus());
                    assertEquals("shop@test", health.health().getDetails().get("worker"));
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertNotNull(meters.find("celeriac.tasks").tag("task", "shop.ship").counter(), "metrics in the application's registry");
                    CeleriacWorkerLifecycle worker = context.getBean(CeleriacWorkerLifecycle.class);
                    assertTrue(worker.isRunning());

                    context.close();
                    assertFalse(worker.isRunning(), "stopped with the context");
                });
    }

    @Test
    void an_application_that_only_sends_starts_no_worker() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CeleriacAutoConfiguration.class))
                .withPropertyValues("celeriac.broker-url=" + url())
                .run(context -> {
                    assertNotNull(context.getBean(Celeriac.class));
                    CeleriacWorkerLifecycle worker = context.getBean(CeleriacWorkerLifecycle.class);
                    assertFalse(worker.isRunning());
                    assertEquals("not running", context.getBean(CeleriacHealthIndicator.class).health().getDetails().get("worker"));
                });
    }
}
