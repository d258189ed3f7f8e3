package io.celeriac.core.control;

/**
 * Celery's node names: {@code name@host}. {@code -n/--hostname} may use {@code %h} (the host name),
 * {@code %n} (its first label), {@code %d} (the rest, the domain), {@code %i}/{@code %I} (the pool
 * process index: 0 and empty here, as in a Python worker's main process) and {@code %%}.
 */
public final class NodeNames {
    private NodeNames() {
    }

    public static String expand(String pattern, String host) {
        int dot = host.indexOf('.');
        String shortName = dot < 0 ? host : host.substring(0, dot);
        String domain = dot < 0 ? "" : host.substring(dot + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char code = pattern.charAt(++i);
            switch (code) {
                case 'h' -> out.append(host);
                case 'n' -> out.append(shortName);
                case 'd' -> out.append(domain);
                case 'i' -> out.append('0');
                case 'I' -> {
                    // the main process has no index suffix
                }
                case '%' -> out.append('%');
                default -> out.append('%').append(code);
            }
        }
        return out.toString();
    }
}
