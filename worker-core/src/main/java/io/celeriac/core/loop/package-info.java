/** Background loops: each does its work in {@code runOnce()}, which tests call directly with a manual clock. */
package io.celeriac.core.loop;
