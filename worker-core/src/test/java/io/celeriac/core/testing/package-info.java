/**
 * Test support shared by every module (the worker-core test-jar): real Redis with per-class key
 * prefixes, a manual clock, and helpers to wait on conditions with a timeout.
 */
package io.celeriac.core.testing;
