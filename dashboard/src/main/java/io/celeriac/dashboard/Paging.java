package io.celeriac.dashboard;

/**
 * A page of a list, read from the query string ({@code ?page=2&size=50}): the window a ZRANGE or
 * LRANGE reads, never the whole list.
 */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0 || page > 10_000_000) {
            throw new IllegalArgumentException("page must be between 0 and 10000000, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
    }

    public static Paging parse(String page, String size) {
        return new Paging(number("page", page, 0), number("size", size, 50));
    }

    public long from() {
        return (long) page * size;
    }

    public long to() {
        return from() + size - 1;
    }

    private static int number(String name, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got \"" + text + "\"");
        }
    }
}
