/**
 * worker-maintenance: database and broker upkeep (queue {@code maintenance_tasks}).
 * {@link io.celeriac.maintenance.MaintenanceTasks} registers the tasks; each runs under one
 * PostgreSQL advisory lock. Adapters: {@code db} (JDBC/Jdbi), {@code redis} (core's broker API).
 */
package io.celeriac.maintenance;
