/**
 * worker-email: the e-mail outbox ({@code send_email}, {@code process_email_queue}) and the daily
 * summary ({@code send_daily_email_summary}). {@link io.celeriac.email.EmailTasks} wires the tasks;
 * SMTP (Jakarta Mail) stays in {@code smtp}, Jdbi in {@code db}.
 */
package io.celeriac.email;
