/**
 * When periodic work is due: {@link io.celeriac.core.schedule.Schedule} with 5-field cron
 * ({@link io.celeriac.core.schedule.CronSchedule}) and fixed intervals
 * ({@link io.celeriac.core.schedule.IntervalSchedule}), and our daylight-saving policy
 * ({@link io.celeriac.core.schedule.DstPolicy}). Pure functions of an instant: no clock, no Redis.
 * cron-utils stays inside this package.
 */
package io.celeriac.core.schedule;
