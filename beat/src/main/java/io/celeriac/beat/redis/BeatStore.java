package io.celeriac.beat.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.beat.BeatEntry;
import io.celeriac.beat.EntryJson;
import io.celeriac.core.CeleriacException;
import io.celeriac.core.app.Application;
import io.celeriac.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries and their state in Redis. Reads are plain commands; every change is one Lua script, and
 * takes {@code now} as an argument (nothing here reads a clock).
 */
public final class BeatStore {
    private static final Logger log = LoggerFactory.getLogger(BeatStore.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** Where a write comes from: the config sync may replace config entries, an operator may not. */
    public enum Source { CONFIG, DYNAMIC }

    /** Outcome of a write. */
    public enum Write { WRITTEN, UNCHANGED, REFUSED_CONFIG_ENTRY, NO_SUCH_ENTRY }

    /** Outcome of a claim. */
    public enum Claim { CLAIMED, STALE, NOT_LEADER }

    /** Every entry at one version of the schedule. */
    public record Snapshot(long version, List<StoredEntry> entries) {
    }

    private final RedissonClient redis;
    private final BeatKeys keys;
    private final RScript script;

    public BeatStore(RedissonClient redis, BeatKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.script = redis.getScript();
    }

    /** The store of {@code app}'s beat keys. */
    public static BeatStore of(Application app) {
        return new BeatStore(app.redis(), new BeatKeys(app.keys()));
    }

    /**
     * Calls {@code onChange} whenever the schedule is changed through a store (an entry added,
     * enabled or removed by the CLI), until the returned handle is closed.
     */
    public AutoCloseable onChange(Runnable onChange) {
        org.redisson.api.RTopic changes = redis.getTopic(keys.changes());
        int listener = changes.addListener(String.class, (channel, message) -> onChange.run());
        return () -> changes.removeListener(listener);
    }

    public BeatKeys keys() {
        return keys;
    }

    /**
     * Redis's clock: the time every replica and every CLI call reads instead of its host's, so a
     * host whose clock is off cannot make an entry due early.
     */
    public Instant now() {
        String millis = script.eval(RScript.Mode.READ_ONLY, BeatScripts.TIME, RScript.ReturnType.VALUE, List.of());
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }

    /** The change counter; any write bumps it. */
    public long version() {
        String value = redis.<String>getBucket(keys.version()).get();
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * Every entry. The version is read first, so a change racing with the read shows up as a newer
     * version on the next check. An entry whose stored definition no longer parses is logged and left out.
     */
    public Snapshot readAll() {
        long version = version();
        Set<String> names = redis.<String>getSet(keys.entries()).readAll();
        Set<String> statics = staticNames();
        RBatch batch = redis.createBatch();
        List<String> ordered = names.stream().sorted().toList();
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String name : ordered) {
            futures.add(batch.<String, String>getMap(keys.entry(name)).readAllMapAsync());
        }
        batch.execute();
        List<StoredEntry> entries = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            decode(ordered.get(i), futures.get(i).toCompletableFuture().join(), statics.contains(ordered.get(i)))
                    .ifPresent(entries::add);
        }
        return new Snapshot(version, List.copyOf(entries));
    }

    public Optional<StoredEntry> read(String name) {
        Map<String, String> hash = redis.<String, String>getMap(keys.entry(name)).readAllMap();
        return decode(name, hash, redis.getSet(keys.statics()).contains(name));
    }

    public Set<String> staticNames() {
        return new HashSet<>(redis.<String>getSet(keys.statics()).readAll());
    }

    /** Writes {@code entry}; its due time becomes the first occurrence after {@code now} if it is new or its schedule changed. */
    public Write upsert(BeatEntry entry, Instant now, Source source) {
        String definition = EntryJson.toJson(entry).toString();
        Long reply = script.eval(RScript.Mode.READ_WRITE, BeatScripts.UPSERT, RScript.ReturnType.LONG,
                List.of(keys.entry(entry.name()), keys.entries(), keys.statics(), keys.version()),
                entry.name(), definition, entry.schedule().describe(), millis(entry.schedule().nextAfter(now).orElse(null)),
                source == Source.CONFIG ? "config" : "dynamic", keys.changes());
        return reply == 1 ? Write.WRITTEN : reply == 0 ? Write.UNCHANGED : Write.REFUSED_CONFIG_ENTRY;
    }

    public Write remove(String name, Source source) {
        Long reply = script.eval(RScript.Mode.READ_WRITE, BeatScripts.REMOVE, RScript.ReturnType.LONG,
                List.of(keys.entry(name), keys.entries(), keys.statics(), keys.version()),
                name, source == Source.CONFIG ? "config" : "dynamic", keys.changes());
        return reply == 1 ? Write.WRITTEN : reply == 0 ? Write.NO_SUCH_ENTRY : Write.REFUSED_CONFIG_ENTRY;
    }

    /** An operator's enable or disable; enabling a disabled entry restarts it from {@code now}. */
    public Write setEnabled(String name, boolean enabled, Instant now) {
        Optional<StoredEntry> stored = read(name);
        if (stored.isEmpty()) {
            return Write.NO_SUCH_ENTRY;
        }
        Instant next = stored.get().entry().schedule().nextAfter(now).orElse(null);
        Long reply = script.eval(RScript.Mode.READ_WRITE, BeatScripts.OVERRIDE, RScript.ReturnType.LONG,
                List.of(keys.entry(name), keys.version()),
                enabled ? "enabled" : "disabled", millis(next), keys.changes(), name);
        return reply == 1 ? Write.WRITTEN : Write.NO_SUCH_ENTRY;
    }

    /**
     * Claims the occurrence of {@code stored} due at its state's {@code next} (claim-2.lua).
     *
     * @param taskId the id of the message about to be sent, or null when the occurrence is skipped
     */
    public Claim claim(String token, StoredEntry stored, Instant next, Instant now, String taskId) {
        Long reply = script.eval(RScript.Mode.READ_WRITE, BeatScripts.CLAIM, RScript.ReturnType.LONG,
                List.of(keys.entry(stored.name()), keys.leader()),
                token, stored.state().rev(), millis(stored.state().next()), millis(next),
                Long.toString(now.toEpochMilli()), taskId == null ? "" : taskId);
        return reply == 1 ? Claim.CLAIMED : reply == 0 ? Claim.STALE : Claim.NOT_LEADER;
    }

    /**
     * Gives back an occurrence claimed with {@code taskId} whose message could not be sent
     * (unclaim-1.lua): its due time is {@code next} again; false when the entry moved on since.
     */
    public boolean unclaim(StoredEntry claimed, Instant claimedNext, String taskId) {
        EntryState before = claimed.state();
        Long reply = script.eval(RScript.Mode.READ_WRITE, BeatScripts.UNCLAIM, RScript.ReturnType.LONG,
                List.of(keys.entry(claimed.name())), before.rev(), millis(claimedNext), taskId, millis(before.next()),
                millis(before.lastRun()), before.lastTaskId() == null ? "" : before.lastTaskId());
        return reply == 1;
    }

    private Optional<StoredEntry> decode(String name, Map<String, String> hash, boolean fromConfig) {
        String definition = hash.get("definition");
        if (definition == null) {
            return Optional.empty();
        }
        try {
            BeatEntry entry = EntryJson.parse(name, JSON.readTree(definition));
            String override = hash.get("override");
            EntryState state = new EntryState(hash.get("rev"), instant(hash.get("next")), instant(hash.get("last_run")),
                    hash.get("last_task_id"), count(hash.get("runs")), count(hash.get("skipped")),
                    override == null ? null : "enabled".equals(override), fromConfig);
            return Optional.of(new StoredEntry(entry, state));
        } catch (JsonProcessingException | CeleriacException e) {
            log.atWarn().addKeyValue("entry", name).addKeyValue("error", e.getMessage())
                    .log("stored beat entry is invalid; ignoring it");
            return Optional.empty();
        }
    }

    private static String millis(Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
