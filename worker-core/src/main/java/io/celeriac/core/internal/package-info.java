/** Small shared pieces that are not API. */
package io.celeriac.core.internal;
