package io.celeriac.dashboard.auth;

/** What a user may do: a viewer reads, an operator also acts (purge, requeue, revoke...). */
public enum Role {
    VIEWER, OPERATOR;

    public static Role parse(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "viewer" -> VIEWER;
            case "operator" -> OPERATOR;
            default -> throw new IllegalArgumentException("a dashboard user's role is viewer or operator, got \"" + text + "\"");
        };
    }

    public boolean mayAct() {
        return this == OPERATOR;
    }
}
