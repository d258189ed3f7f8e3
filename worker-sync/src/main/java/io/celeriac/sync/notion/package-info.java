/** Notion integrations: the incremental sync run, its records and the API it needs. */
package io.celeriac.sync.notion;
