package io.celeriac.dashboard;

import io.celeriac.dashboard.auth.LoginLimiter;
import io.celeriac.dashboard.auth.Sessions;
import io.celeriac.dashboard.auth.Sessions.Session;
import io.celeriac.dashboard.auth.Users;
import io.celeriac.dashboard.pages.LoginPage;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The login form and its POST: a double-submit CSRF cookie (there is no session yet), the rate
 * limit per client address, a fresh session id on success (no fixation), and an audit entry.
 */
final class Login {
    private final Fleet fleet;
    private final DashboardSettings settings;
    private final Sessions sessions;
    private final LoginLimiter limiter;

    Login(Fleet fleet, DashboardSettings settings, Sessions sessions, LoginLimiter limiter) {
        this.fleet = fleet;
        this.settings = settings;
        this.sessions = sessions;
        this.limiter = limiter;
    }

    void form(Context ctx) {
        if (!settings.authenticated()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        String token = sessions.token();
        Guard.setCookie(ctx, "celeriac_login", token);
        ctx.html(LoginPage.html(token, safeNext(ctx.queryParam("next")), null));
    }

    void submit(Context ctx) {
        if (!settings.authenticated()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        if (!Guard.same(ctx.formParam("csrf"), ctx.cookie("celeriac_login"))) {
            throw new io.javalin.http.ForbiddenResponse("missing or wrong CSRF token: reload the login page");
        }
        String client = ctx.ip();
        String next = safeNext(ctx.formParam("next"));
        if (limiter.blocked(client)) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            ctx.html(LoginPage.html(ctx.formParam("csrf"), next, "Too many failed logins: wait a few minutes."));
            return;
        }
        Users.User user = settings.users().check(ctx.formParam("user"), ctx.formParam("password")).orElse(null);
        if (user == null) {
            limiter.failed(client);
            ctx.status(HttpStatus.UNAUTHORIZED);
            ctx.html(LoginPage.html(ctx.formParam("csrf"), next, "Wrong user or password."));
            return;
        }
        Session session = sessions.open(user.name(), user.role());
        Guard.setCookie(ctx, Guard.SESSION_COOKIE, session.id());
        fleet.audit().record(new AuditLog.Entry(fleet.clock().instant(), user.name(), "login", client, "ok"));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Only a path of this site: never an open redirect to another. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? next : "/";
    }
}
