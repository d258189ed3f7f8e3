/** Calendar feeds: the sync run, its domain records and the fetcher it reads feeds with. */
package io.celeriac.sync.calendar;
