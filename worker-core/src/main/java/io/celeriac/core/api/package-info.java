/**
 * The runtime behind the public {@code io.celeriac} package: clients, embedded workers, typed
 * task binding. Not API: applications import {@code io.celeriac} only.
 */
package io.celeriac.core.api;
