package io.celeriac.core.flow;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the fleet's buckets and slots live. Times come in as arguments (the fleet's clock); an
 * implementation reads none. {@code RedisFlowStore} is the fleet-wide one (a Lua script per
 * operation); {@link LocalFlowStore} keeps the same state in one process.
 */
public interface FlowStore {

    /**
     * Takes a token of {@code bucket} for task {@code taskId} at {@code nowMillis} (GCRA). When
     * none is free within {@code paceMillis}, the next free one is reserved for this task: it waits
     * in the delayed set until then and, coming back on time (within {@code graceMillis}), runs on
     * its reservation. A reservation left unused past the grace lapses. Starts are spaced as the
     * rate allows, whatever the delays on the way.
     */
    Token takeToken(String bucket, Rate rate, String taskId, long nowMillis, long graceMillis, long paceMillis);

    /**
     * One {@link #takeToken} call's arguments; {@code want} is the most tokens to take at once when
     * the bucket has them free now (see {@link TokenAllowances}), 1 for a token per call.
     */
    record TokenRequest(String bucket, Rate rate, String taskId, long nowMillis, long graceMillis, long paceMillis, int want) {
        public TokenRequest(String bucket, Rate rate, String taskId, long nowMillis, long graceMillis, long paceMillis) {
            this(bucket, rate, taskId, nowMillis, graceMillis, paceMillis, 1);
        }

        TokenRequest at(long millis) {
            return millis == nowMillis ? this : new TokenRequest(bucket, rate, taskId, millis, graceMillis, paceMillis, want);
        }

        TokenRequest wanting(int tokens) {
            return new TokenRequest(bucket, rate, taskId, nowMillis, graceMillis, paceMillis, tokens);
        }
    }

    /**
     * Several {@link #takeToken} calls, in order, in one round trip where the store can. A store
     * may grant a {@link Token.Kind#NOW} request up to its {@code want} tokens ({@link Token#count});
     * this default grants one.
     */
    default List<Token> takeTokens(List<TokenRequest> requests) {
        List<Token> tokens = new java.util.ArrayList<>(requests.size());
        for (TokenRequest r : requests) {
            tokens.add(takeToken(r.bucket(), r.rate(), r.taskId(), r.nowMillis(), r.graceMillis(), r.paceMillis()));
        }
        return tokens;
    }

    /** What {@link #takeToken} granted: {@code count} tokens taken now (NOW), else one. */
    record Token(Kind kind, long atMillis, int count) {
        public static final Token NOW = new Token(Kind.NOW, 0);

        public Token(Kind kind, long atMillis) {
            this(kind, atMillis, 1);
        }

        /** {@code tokens} taken now, for this run and {@code tokens - 1} more. */
        public static Token now(int tokens) {
            return tokens <= 1 ? NOW : new Token(Kind.NOW, 0, tokens);
        }

        /** Run now; run at {@code atMillis} (a short pause, the start booked); wait in the delayed set until {@code atMillis}. */
        public enum Kind { NOW, AT, WAIT }
    }

    /**
     * Takes one of {@code max} slots of {@code bucket} for {@code holder} until {@code expiryMillis}
     * (the holder's lease: renewed while it runs, it lapses if its worker dies).
     *
     * @return 0 when taken (or already held), else when the earliest slot's lease ends (epoch ms)
     */
    long acquireSlot(String bucket, int max, String holder, long nowMillis, long expiryMillis);

    /** Extends the leases of slots still held (those released or lapsed meanwhile stay gone). */
    void renewSlots(Collection<HeldSlot> slots, long nowMillis, long expiryMillis);

    /** Gives a slot back. */
    void releaseSlot(HeldSlot slot);

    /** A slot of a bucket held by a holder. */
    record HeldSlot(String bucket, String holder) {
    }

    /** Records the limits a worker runs under (name -> JSON description), for {@code celeriac limits}. */
    void publishLimits(Map<String, String> limits);

    /** What every published limit is doing now. */
    List<LimitState> states(long nowMillis);

    /**
     * One limit as {@code celeriac limits} shows it.
     *
     * @param definition     the published JSON description (rate, concurrency, key, tasks)
     * @param running        slots held now (unkeyed limits; -1 for a keyed one)
     * @param reserved       tasks waiting in the delayed set for a reserved token (unkeyed limits)
     * @param nextTokenMillis ms until the next token is free (0 now; unkeyed limits)
     * @param throttled      tasks held back by this limit since it was first used
     */
    record LimitState(String name, String definition, long running, long reserved, long nextTokenMillis, long throttled) {
    }
}
