/**
 * Notion tokens at rest: AES-256-GCM under {@code CELERIAC_SECRET_KEY} ({@link io.celeriac.sync.secret.TokenCipher}),
 * the policy for stores without a key ({@link io.celeriac.sync.secret.TokenVault}), and the
 * non-secret facts kept beside a token (fingerprint, masked hint).
 */
package io.celeriac.sync.secret;
