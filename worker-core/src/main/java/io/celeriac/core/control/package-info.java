/**
 * Celery's remote control (kombu's "pidbox") on Redis, both ends.
 *
 * <p>A worker's {@link io.celeriac.core.control.Mailbox} joins the {@code celery.pidbox} fanout
 * exchange as a Python worker does (its node queue in the binding set, a subscription to the fanout
 * channel), answers Celery's {@code inspect} and {@code control} commands
 * ({@link io.celeriac.core.control.InspectCommands}, {@link io.celeriac.core.control.ControlCommands})
 * on {@code reply.celery.pidbox}. {@link io.celeriac.core.control.Broadcast} is the client side
 * ({@code celeriac inspect}, {@code celeriac control}), which reaches Python workers too.
 * {@link io.celeriac.core.control.RemoteControl} wires both this and the worker's events.
 */
package io.celeriac.core.control;
