package io.celeriac.file;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log events of one class while a test runs: {@code try (LogCapture logs = LogCapture.of(X.class)) { ... }}. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> type) {
        logger = (Logger) LoggerFactory.getLogger(type);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    /** "LEVEL message key=value ..." of each event, in order. */
    List<String> lines() {
        return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                + (e.getKeyValuePairs() == null ? "" : e.getKeyValuePairs().stream().map(kv -> " " + kv.key + "=" + kv.value)
                        .reduce("", String::concat))).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
