package io.celeriac.core.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodArgumentsTest {

    @Test
    void words_become_celerys_arguments() {
        assertEquals("{\"task_name\":\"t\",\"rate_limit\":\"10/s\"}", MethodArguments.of("rate_limit", List.of("t", "10/s")).toString());
        assertEquals("{\"task_name\":\"t\",\"soft\":1.5,\"hard\":3.0}", MethodArguments.of("time_limit", List.of("t", "1.5", "3")).toString());
        assertEquals("{\"task_id\":[\"a\",\"b\"]}", MethodArguments.of("revoke", List.of("a", "b")).toString());
        assertEquals("{\"taskinfoitems\":[]}", MethodArguments.of("registered", List.of()).toString());
        assertEquals("{}", MethodArguments.of("ping", List.of()).toString());
    }

    @Test
    void a_bad_word_is_a_usage_error() {
        assertThrows(IllegalArgumentException.class, () -> MethodArguments.of("pool_grow", List.of("many")));
        assertThrows(IllegalArgumentException.class, () -> MethodArguments.of("ping", List.of("extra")));
    }
}
