package io.celeriac.dist;

import io.celeriac.core.app.Application;
import io.celeriac.dashboard.DashboardServer;
import io.celeriac.dashboard.DashboardSettings;
import io.celeriac.dashboard.Fleet;
import io.celeriac.dashboard.auth.Users;

/**
 * The web dashboard inside {@code celeriac dev}: on loopback, without login (as {@code celeriac
 * dashboard} allows there), on dev's own connection to Redis.
 */
final class DevDashboard implements AutoCloseable {
    private final DashboardServer server;
    private final int port;

    private DevDashboard(DashboardServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts it on {@code port}; 0 starts nothing. */
    static DevDashboard start(int port, Application app) {
        if (port == 0) {
            return new DevDashboard(null, -1);
        }
        DashboardServer server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", port, false, Users.none()));
        try {
            return new DevDashboard(server, server.start());
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot serve the dashboard on port " + port + " (--dashboard-port 0 turns it off): "
                    + e.getMessage(), e);
        }
    }

    /** The bound port, or -1 when off. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
