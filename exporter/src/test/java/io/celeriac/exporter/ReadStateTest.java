package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReadStateTest {
    @Test
    void logs_one_line_per_change_of_state_not_per_pass() {
        Logger logger = (Logger) LoggerFactory.getLogger(ReadState.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            ReadState state = new ReadState("redis");
            state.readable();
            for (int pass = 0; pass < 50; pass++) {
                state.unreadable(pass == 0 ? "unreachable: Unexpected end of stream." : "unreachable: Failed to connect to 127.0.0.1:6379.");
            }
            state.unreadable("refused the password (WRONGPASS): check the password in the broker URL");
            state.unreadable("refused the password (WRONGPASS): check the password in the broker URL");
            state.readable();
            state.readable();

            List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of("store readable", "store cannot be read; its gauges are withdrawn",
                    "store cannot be read; its gauges are withdrawn", "store readable again"), logged);
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void says_what_went_wrong_in_one_line() {
        assertEquals("requires a password (NOAUTH) and the broker URL has none",
                ReadState.describe(new RuntimeException("wrapped", new IllegalStateException("NOAUTH Authentication required."))));
        assertEquals("unreachable: Connection refused",
                ReadState.describe(new RuntimeException("Failed to connect", new ConnectException("Connection refused"))));
    }
}
