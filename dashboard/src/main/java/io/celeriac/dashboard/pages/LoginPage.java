package io.celeriac.dashboard.pages;

import static io.celeriac.dashboard.Html.esc;

/** The login form; its CSRF token is a double-submit cookie, since there is no session yet. */
public final class LoginPage {
    private LoginPage() {
    }

    public static String html(String csrf, String next, String error) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in · Celeriac</title>"
                + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body><main class=\"login\"><h1>Celeriac</h1>"
                + (error == null ? "" : "<p class=\"error\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
                + "<label>User <input name=\"user\" autocomplete=\"username\"></label>"
                + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>"
                + "<button>Log in</button></form></main></body></html>";
    }
}
