package io.celeriac.spring;

import io.celeriac.Celeriac;
import io.celeriac.ClientBuilder;
import io.celeriac.testing.EagerCeleriac;
import io.celeriac.testing.EagerCeleriacBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Celeriac in a Spring Boot application, from {@code celeriac.*} ({@link CeleriacProperties}):
 * an injectable {@link Celeriac} client; a worker running the application's {@code @CeleriacTask}
 * and {@link TaskBean} beans, with its metrics in the application's MeterRegistry and stopped
 * warmly with the context; an Actuator health indicator. With {@code celeriac.eager=true} (tests)
 * the client is the test kit's {@link EagerCeleriac}: tasks run in-process and no worker starts.
 */
@AutoConfiguration
@EnableConfigurationProperties(CeleriacProperties.class)
public class CeleriacAutoConfiguration {

    /** Through Redis: the client and the worker. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "celeriac.eager", havingValue = false, matchIfMissing = true)
    static class Remote {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Celeriac.class)
        Celeriac celeriac(CeleriacProperties properties) {
            ClientBuilder builder = Celeriac.builder(properties.getBrokerUrl())
                    .defaultQueue(properties.getDefaultQueue())
                    .keyPrefixes(properties.getKeyPrefix(), properties.getKombuKeyPrefix())
                    .resultExpires(properties.getResultExpires());
            properties.getRoutes().forEach(route -> builder.route(route.getPattern(), route.getQueue()));
            return builder.build();
        }

        @Bean
        @ConditionalOnBooleanProperty(name = "celeriac.worker.enabled", matchIfMissing = true)
        CeleriacWorkerLifecycle celeriacWorker(CeleriacProperties properties, ListableBeanFactory beans,
                                               ObjectProvider<MeterRegistry> meters) {
            return new CeleriacWorkerLifecycle(properties, beans, meters);
        }
    }

    /** In-process, for tests. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("celeriac.eager")
    @ConditionalOnClass(name = "io.celeriac.testing.EagerCeleriac")
    static class Eager {

        @Bean
        @ConditionalOnMissingBean(Celeriac.class)
        EagerCeleriac celeriac(CeleriacProperties properties) {
            EagerCeleriacBuilder builder = EagerCeleriac.builder().defaultQueue(properties.getDefaultQueue());
            properties.getRoutes().forEach(route -> builder.route(route.getPattern(), route.getQueue()));
            return builder.build();
        }

        @Bean
        static EagerTasks celeriacEagerTasks(EagerCeleriac celeriac, ListableBeanFactory beans) {
            return new EagerTasks(celeriac, beans);
        }
    }

    /** Eager mode asked for without the test kit: say what is missing rather than connect to Redis. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("celeriac.eager")
    @ConditionalOnMissingClass("io.celeriac.testing.EagerCeleriac")
    static class EagerWithoutKit {
        EagerWithoutKit() {
            throw new IllegalStateException("celeriac.eager=true needs the test kit on the class path: "
                    + "add io.celeriac:celeriac-test (test scope)");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBooleanProperty(name = "celeriac.eager", havingValue = false, matchIfMissing = true)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "celeriacHealthIndicator")
        CeleriacHealthIndicator celeriacHealthIndicator(ObjectProvider<CeleriacWorkerLifecycle> worker) {
            return new CeleriacHealthIndicator(worker);
        }
    }
}
