/** {@code celeriac ai create|list|show|pause|resume|cancel|runs|chat|users}. */
package io.celeriac.ai.cli;
