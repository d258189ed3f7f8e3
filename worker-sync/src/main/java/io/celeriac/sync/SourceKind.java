package io.celeriac.sync;

/** The kinds of source a user can connect, each with its own table. */
public enum SourceKind {
    CALENDAR("sync_calendar_sources"),
    NOTION("sync_notion_sources");

    private final String table;

    SourceKind(String table) {
        this.table = table;
    }

    /** The table holding this kind's sources (a constant, safe to splice into SQL). */
    public String table() {
        return table;
    }
}
