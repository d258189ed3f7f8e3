/** The AI module's part of the daily summary e-mail (a {@link io.celeriac.core.digest.DigestContributor}). */
package io.celeriac.ai.digest;
