/**
 * Notifying users: the {@link io.celeriac.ai.notify.Notifier} (at most once per run and channel),
 * the {@link io.celeriac.ai.notify.SmsSender} port with its log channel (Twilio's adapter is in
 * {@code io.celeriac.ai.http}), and e-mail handed to the e-mail worker as a task.
 */
package io.celeriac.ai.notify;
