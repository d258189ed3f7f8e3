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

    /** The name operators type and read: {@code calendar}, {@code notion}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws InvalidSourceException for anything but calendar or notion (any case) */
    public static SourceKind parse(String text) {
        for (SourceKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text.strip())) {
                return kind;
            }
        }
        throw new InvalidSourceException("kind", "must be calendar or notion, got '" + text + "'");
    }
}
