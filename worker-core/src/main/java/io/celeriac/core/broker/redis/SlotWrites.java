package io.celeriac.core.broker.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes bound for one hash slot of a Redis Cluster, in complete.lua's op format: a completion's
 * result, next chain step or retry elsewhere than where its message was in flight. They are
 * applied with complete.lua, unfenced, on their slot; or kept as one outbox entry on the home slot
 * (see {@link ClusterCompletion}), byte for byte, until a relay applies them.
 *
 * @param tag  the slot's hash tag ({@link ClusterKeys})
 * @param keys every key the ops touch, declared to Redis so it redirects the call during a migration
 * @param ops  the ops' fields, four per op
 */
record SlotWrites(String tag, Set<String> keys, List<byte[]> ops) {
    private static final byte[] EMPTY = new byte[0];

    static SlotWrites empty(String tag) {
        return new SlotWrites(tag, new LinkedHashSet<>(), new ArrayList<>());
    }

    int count() {
        return ops.size() / 4;
    }

    /** Runs complete.lua with these ops as one unfenced unit, on their slot. */
    CompletionReplies apply(ClusterNodes nodes, ClusterKeys layout) {
        return new CompletionReplies(RedisCompletion.report(applyReply(nodes, layout)).refused());
    }

    /** {@link #apply}, complete.lua's reply as it is. */
    Object applyReply(ClusterNodes nodes, ClusterKeys layout) {
        return nodes.forKey(layout.deadOf(tag)).eval(LuaScripts.COMPLETE, declared(layout), arguments());
    }

    /** complete.lua's KEYS: the slot's dead letters and delayed set, then every key the ops touch. */
    List<byte[]> declared(ClusterKeys layout) {
        List<byte[]> declared = new ArrayList<>(keys.size() + 2);
        declared.add(utf8(layout.deadOf(tag)));
        declared.add(utf8(layout.delayedOf(tag)));
        keys.forEach(key -> declared.add(utf8(key)));
        return declared;
    }

    /** complete.lua's ARGV: one unfenced unit holding the ops. */
    List<byte[]> arguments() {
        List<byte[]> args = new ArrayList<>(ops.size() + 3);
        args.add(EMPTY);
        args.add(EMPTY);
        args.add(utf8(String.valueOf(count())));
        args.addAll(ops);
        return args;
    }

    /**
     * Whether every op is a plain result store ('S': SET and PUBLISH whatever is stored): what a
     * task's success relays, written without a script (see {@link ClusterRelay}).
     */
    boolean onlyPlainStores() {
        for (int i = 0; i < ops.size(); i += 4) {
            if (ops.get(i).length != 1 || ops.get(i)[0] != 'S') {
                return false;
            }
        }
        return !ops.isEmpty();
    }

    /** The slot these writes go to. */
    int slot(ClusterKeys layout) {
        return ClusterNodes.slotOf(layout.deadOf(tag));
    }

    /** What an unfenced apply reports: the writes Redis refused (dead-lettered where it could). */
    record CompletionReplies(List<String> refused) {
    }

    /** The outbox entry: tag, declared keys and ops, each length-prefixed. */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, utf8(tag));
            out.writeInt(keys.size());
            for (String key : keys) {
                field(out, utf8(key));
            }
            out.writeInt(ops.size());
            for (byte[] op : ops) {
                field(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SlotWrites decode(byte[] entry) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(entry))) {
            String tag = new String(field(in), StandardCharsets.UTF_8);
            Set<String> keys = new LinkedHashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                keys.add(new String(field(in), StandardCharsets.UTF_8));
            }
            List<byte[]> ops = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                ops.add(field(in));
            }
            return new SlotWrites(tag, keys, ops);
        } catch (IOException e) {
            throw new IllegalStateException("an outbox entry is not one Celeriac wrote: " + e.getMessage(), e);
        }
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] field(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a field of " + length + " bytes where " + in.available() + " remain");
        }
        return in.readNBytes(length);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
