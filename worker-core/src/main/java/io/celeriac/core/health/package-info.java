/** Liveness and readiness checks and the HTTP endpoint serving them with the metrics. */
package io.celeriac.core.health;
