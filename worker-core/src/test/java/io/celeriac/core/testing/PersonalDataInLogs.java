package io.celeriac.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The check that no log line carries a phone number or an e-mail address. As a Logback appender
 * (a module's {@code logback-test.xml} attaches it to the root logger) it reads every line the
 * tests log, message, key/value pairs and exception messages; as a JUnit extension (registered
 * with autodetection) it fails the test class during which one was logged. {@link #find} checks
 * other text, such as a child process's log.
 */
public final class PersonalDataInLogs extends AppenderBase<ILoggingEvent> implements BeforeAllCallback, AfterAllCallback {
    /** E.164 numbers, as the application stores them (with or without spaces). */
    private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ]{6,16}\\d");
    /** An address with a real-looking domain (node names such as beat-1@host have no dotted domain). */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final List<String> FOUND = new ArrayList<>();

    /** The phone numbers and e-mail addresses in {@code text}. */
    public static List<String> find(String text) {
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(PHONE, EMAIL)) {
            Matcher m = p.matcher(text == null ? "" : text);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getMessage());
        }
        List<String> found = find(line.toString());
        if (!found.isEmpty()) {
            synchronized (FOUND) {
                FOUND.add(event.getLoggerName() + ": " + line + "  <- " + found);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (FOUND) {
            FOUND.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (FOUND) {
            if (!FOUND.isEmpty()) {
                List<String> lines = List.copyOf(FOUND);
                FOUND.clear();
                throw new AssertionError("personal data in " + lines.size() + " log line(s):\n" + String.join("\n", lines));
            }
        }
    }
}
