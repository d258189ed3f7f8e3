package io.celeriac.email.db;

import io.celeriac.db.MigrationSet;

/** The module's tables: {@code email_outbox} and {@code email_daily_summaries} ({@code db/email}). */
public final class EmailSchema implements MigrationSet {
    @Override
    public String name() {
        return "email";
    }

    @Override
    public String location() {
        return "db/email";
    }

    @Override
    public int order() {
        return 110;
    }
}
