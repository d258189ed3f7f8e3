/** Test helpers other modules reuse (provider-http's test-jar): servers that count what reaches them. */
package io.celeriac.http.testing;
