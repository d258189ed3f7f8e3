package io.celeriac.email.smtp;

import java.time.Duration;

/**
 * Where and how to reach the SMTP server.
 *
 * @param security {@code none}, {@code starttls} (upgrade on port 587, required) or {@code tls} (implicit, port 465)
 * @param user     null for no authentication
 * @param timeout  connect, read and write timeout of each socket operation
 */
public record SmtpSettings(String host, int port, Security security, String user, String password, Duration timeout) {

    public enum Security { NONE, STARTTLS, TLS }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("email.smtp.host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("email.smtp.port must be 1-65535, got " + port);
        }
    }

    /** True when a login would cross the network unencrypted: {@code security: none} with a user. */
    public boolean credentialsInClear() {
        return security == Security.NONE && user != null;
    }

    /** No password in logs or {@code --print-config}. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + ", timeout=" + timeout + "]";
    }
}
