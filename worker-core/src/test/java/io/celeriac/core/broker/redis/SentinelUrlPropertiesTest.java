package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any kombu sentinel list parses back to what it names, and no printed form holds a password. */
class SentinelUrlPropertiesTest {

    record Written(List<RedisSentinels.Node> nodes, String password, int db) {
        String url() {
            List<String> parts = new ArrayList<>();
            for (RedisSentinels.Node node : nodes) {
                String auth = parts.isEmpty() && password != null ? ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "@" : "";
                parts.add("sentinel://" + auth + node.host() + ":" + node.port() + (parts.isEmpty() ? "/" + db : ""));
            }
            return String.join(";", parts);
        }
    }

    @Provide
    Arbitrary<Written> sentinelLists() {
        Arbitrary<RedisSentinels.Node> node = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(h -> h + ".example"),
                Arbitraries.integers().between(1, 65535)).as(RedisSentinels.Node::new);
        Arbitrary<String> password = Arbitraries.strings().ascii().ofMinLength(8).ofMaxLength(30)
                .filter(p -> p.chars().allMatch(c -> c > 32 && c < 127)).injectNull(0.3);
        return Combinators.combine(node.list().ofMinSize(1).ofMaxSize(5), password, Arbitraries.integers().between(0, 15))
                .as(Written::new);
    }

    @Property(tries = 300)
    void a_sentinel_list_parses_back_to_its_nodes_password_and_db(@ForAll("sentinelLists") Written written) {
        RedisUrl url = RedisUrl.parse(written.url());
        assertEquals(written.nodes(), url.sentinels().nodes());
        assertEquals(written.password(), url.password());
        assertEquals(written.db(), url.database());
        RedisUrl again = RedisUrl.parse(url.withSecrets());
        assertEquals(url, again);
        if (written.password() != null) {
            RedisUrl named = url.withSentinels(url.sentinels().withMasterName("m").withAuth(null, written.password() + "-s"));
            assertFalse(named.redacted().contains(written.password()), named.redacted());
            assertFalse(named.toString().contains(written.password()), named.toString());
        }
    }
}
