package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One fetch.lua call: its arguments from the sources, its reply as deliveries. On one Redis a call
 * covers every queue a worker consumes; on a cluster, one queue's sources (its lists, in-flight
 * lists and dead letters share the queue's slot).
 */
final class FetchScript {
    private FetchScript() {
    }

    static List<Delivery> fetch(DirectRedis redis, List<Source> sources, String dead, int max, int maxBytes) {
        List<byte[]> keyList = new ArrayList<>(sources.size() * 2 + 1);
        List<byte[]> args = new ArrayList<>(sources.size() + 2);
        args.add(utf8(String.valueOf(max)));
        args.add(utf8(String.valueOf(maxBytes)));
        for (Source source : sources) {
            keyList.add(utf8(source.list()));
            keyList.add(utf8(source.inflight()));
            args.add(utf8(source.queue()));
        }
        keyList.add(utf8(dead));
        List<?> reply = (List<?>) redis.eval(LuaScripts.FETCH, keyList, args);
        List<Delivery> deliveries = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            Source source = sources.get(index(reply.get(i)) - 1);
            deliveries.add(reply.get(i + 1) instanceof Long size ? Delivery.refused(source, size)
                    : new Delivery(source.queue(), source.list(), source.inflight(), (byte[]) reply.get(i + 1)));
        }
        return deliveries;
    }

    private static int index(Object value) {
        return value instanceof Long number ? number.intValue() : Integer.parseInt(new String((byte[]) value, StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
