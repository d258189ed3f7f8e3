package io.celeriac.file.db;

/** Identifier quoting for the names read from the catalog. */
final class Sql {
    private Sql() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
