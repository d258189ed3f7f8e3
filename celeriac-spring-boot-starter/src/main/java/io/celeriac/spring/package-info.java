/**
 * Celeriac's Spring Boot starter: auto-configuration of the client, the embedded worker (task
 * beans found by {@link io.celeriac.CeleriacTask}), Actuator health and Micrometer metrics, and an
 * eager mode for tests ({@link io.celeriac.spring.test.CeleriacEagerMode}).
 */
package io.celeriac.spring;
