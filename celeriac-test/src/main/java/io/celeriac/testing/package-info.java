/**
 * Celeriac's test kit, for applications' tests: {@link io.celeriac.testing.EagerCeleriac} is a
 * {@link io.celeriac.Celeriac} that runs tasks in-process (no Redis, no worker), records every
 * message sent ({@link io.celeriac.testing.SentTasks}) and follows a
 * {@link io.celeriac.testing.ManualClock} for countdowns, ETAs, retries and periodic entries.
 * Code under test takes a {@code Celeriac}, so production wiring and tests differ by one line.
 */
package io.celeriac.testing;
