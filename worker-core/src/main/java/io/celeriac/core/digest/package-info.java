/**
 * The daily summary's sections: modules contribute what a user should read about one day (AI task
 * runs, upcoming tasks, calendar events) through {@link io.celeriac.core.digest.DigestContributor},
 * and the e-mail module assembles them, so no module depends on another.
 */
package io.celeriac.core.digest;
