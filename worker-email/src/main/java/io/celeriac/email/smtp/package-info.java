/** Transports: SMTP through Angus Mail, or {@code .eml} files when no SMTP server is configured. Jakarta Mail types stay here. */
package io.celeriac.email.smtp;
