package io.celeriac.dashboard;

import io.celeriac.dashboard.auth.ProxyAuth;
import io.celeriac.dashboard.auth.Users;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the dashboard serves.
 *
 * @param bind   the address to listen on; anything but loopback needs users
 * @param port   0 picks a free port (tests)
 * @param redact hide task arguments, results and tracebacks everywhere (pages and JSON)
 * @param users  empty: no login, which only loopback allows
 * @param proxy  authentication by a reverse proxy's header, or null
 */
public record DashboardSettings(String bind, int port, boolean redact, Users users, ProxyAuth proxy) {
    public DashboardSettings(String bind, int port, boolean redact, Users users) {
        this(bind, port, redact, users, null);
    }

    public DashboardSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (users.isEmpty() && proxy == null && !loopback(bind)) {
            throw new IllegalArgumentException("the dashboard refuses to listen on " + bind + " without authentication: "
                    + "set dashboard users (CELERIAC_DASHBOARD_USERS=name:role:bcrypt-hash), a proxy's user header, or bind to 127.0.0.1");
        }
    }

    public boolean authenticated() {
        return !users.isEmpty() || proxy != null;
    }

    static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: unknown address " + bind, e);
        }
    }
}
