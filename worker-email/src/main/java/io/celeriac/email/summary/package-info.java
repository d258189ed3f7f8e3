/** The daily summary: who is due at 08:00 in their own zone, and the text assembled from every {@link io.celeriac.core.digest.DigestContributor}. */
package io.celeriac.email.summary;
