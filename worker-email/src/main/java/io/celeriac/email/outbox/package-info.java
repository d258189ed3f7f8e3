/**
 * The outbox's domain: messages, their states and the sender that claims, sends and records one
 * message at a time, so a message is sent at most once per idempotency key.
 */
package io.celeriac.email.outbox;
