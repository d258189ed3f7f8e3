package io.celeriac.core.internal;

/**
 * Values from messages made safe to log, put in a dead-letter reason or show in a table: control
 * and format characters are escaped (a task name holding a newline cannot forge a log line, NUL
 * cannot make the log binary) and long values are cut (a 1 MB name does not make a 1 MB log line).
 */
public final class LogSafe {
    /** Enough for any honest task name, queue name or id. */
    public static final int DEFAULT_MAX = 200;

    private LogSafe() {
    }

    public static String of(String value) {
        return of(value, DEFAULT_MAX);
    }

    /** {@code value} escaped and cut to about {@code max} characters; "null" for null. */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        int end = Math.min(value.length(), max);
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean unsafe = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validPair(value, i) || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(end + 16).append(value, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    escape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
        String safe = out == null ? value.substring(0, end) : out.toString();
        return value.length() > max ? safe + "…[" + (value.length() - max) + " more chars]" : safe;
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", (int) c));
        }
    }
}
