/** OkHttp adapter: conditional feed GETs, Notion's search, HTTP status to sync exception. */
package io.celeriac.sync.http;
