package io.celeriac.dashboard;

import io.celeriac.dashboard.auth.ProxyAuth;
import io.celeriac.dashboard.auth.Role;
import io.celeriac.dashboard.auth.Sessions;
import io.celeriac.dashboard.auth.Sessions.Session;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Runs before every request: security headers, the session (or a login redirect), and for every
 * POST the CSRF token and the operator role. Without users (loopback only) each browser gets an
 * operator session of its own, so the CSRF check still applies.
 */
final class Guard {
    static final String SESSION_COOKIE = "celeriac_session";
    static final String SESSION = "session";

    private final Sessions sessions;
    private final boolean authenticated;
    private final boolean passwords;
    private final ProxyAuth proxy;

    Guard(Sessions sessions, DashboardSettings settings) {
        this.sessions = sessions;
        this.authenticated = settings.authenticated();
        this.passwords = !settings.users().isEmpty();
        this.proxy = settings.proxy();
    }

    void before(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        String path = ctx.path();
        // the probes say only "up" or "Redis does not answer": no data, so no login (containers and kubelets have none)
        if (path.startsWith("/static/") || path.equals("/login") || path.equals("/healthz") || path.equals("/readyz")) {
            return;
        }
        Session session = sessions.find(ctx.cookie(SESSION_COOKIE)).orElse(null);
        if (proxy != null) {
            session = proxySession(ctx, session);
        }
        if (session == null && !authenticated) {
            session = sessions.open("local", Role.OPERATOR);
            setCookie(ctx, SESSION_COOKIE, session.id());
        }
        if (session == null) {
            if (!passwords) {
                throw new UnauthorizedResponse("the proxy named no user: reach the dashboard through its proxy");
            }
            if (path.startsWith("/api/") || !"GET".equals(ctx.method().name())) {
                throw new UnauthorizedResponse("log in first");
            }
            String query = ctx.queryString();
            ctx.redirect("/login?next=" + Html.url(path + (query == null ? "" : "?" + query)), HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(SESSION, session);
        if ("POST".equals(ctx.method().name())) {
            String sent = ctx.formParam("csrf");
            if (sent == null) {
                sent = ctx.header("X-CSRF-Token");
            }
            if (!same(sent, session.csrf())) {
                throw new ForbiddenResponse("missing or wrong CSRF token: reload the page and try again");
            }
            if (!path.equals("/logout") && !session.role().mayAct()) {
                throw new ForbiddenResponse("a viewer cannot act: an operator can");
            }
        }
    }

    /** The proxy's user, in a session of its own (for the CSRF token); a session of another user is replaced. */
    private Session proxySession(Context ctx, Session current) {
        String user = proxy.user(ctx.ip(), ctx.header(proxy.header()));
        if (user == null) {
            // no header from the proxy: only a password login's session (if users exist too) stands
            return current != null && !current.viaProxy() ? current : null;
        }
        if (current != null && current.viaProxy() && current.user().equals(user)) {
            return current;
        }
        Session opened = sessions.openViaProxy(user, proxy.role(user));
        setCookie(ctx, SESSION_COOKIE, opened.id());
        return opened;
    }

    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** HttpOnly and SameSite=Strict: no script reads it and no other site's form sends it. */
    static void setCookie(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
    }
}
