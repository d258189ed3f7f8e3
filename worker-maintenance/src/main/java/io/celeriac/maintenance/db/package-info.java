/** PostgreSQL upkeep: the advisory lock, VACUUM (ANALYZE) with statistics, batched session deletes. */
package io.celeriac.maintenance.db;
