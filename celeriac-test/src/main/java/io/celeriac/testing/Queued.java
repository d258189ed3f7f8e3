package io.celeriac.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Signature;
import java.time.Instant;
import java.util.List;

/**
 * One message in an {@link EagerCeleriac}: due now (it runs as it is sent) or later (it waits for
 * the manual clock), with what follows it when it ends.
 *
 * @param seq   the order it was queued in, which breaks ties between messages due at the same instant
 * @param then  the rest of its chain and its place in a chord
 */
record Queued(long seq, String id, String task, ArrayNode args, ObjectNode kwargs, String queue, Instant due, Instant expires,
              int retries, String parentId, Then then) {

    /** The same message run again at {@code at}, one retry further on. */
    Queued retried(long newSeq, Instant at) {
        return new Queued(newSeq, id, task, args, kwargs, queue, at, expires, retries + 1, parentId, then);
    }

    /** A step of a chain not sent yet, with the id its result will have. */
    record Step(Signature<?> signature, String id) {
    }

    /** What follows a message: the rest of its chain (in order), or its place in a chord's header. */
    record Then(List<Step> chain, Chord chord, int chordIndex) {
        static final Then NOTHING = new Then(List.of(), null, -1);

        static Then chain(List<Step> rest) {
            return new Then(List.copyOf(rest), null, -1);
        }

        static Then chordPart(Chord chord, int index) {
            return new Then(List.of(), chord, index);
        }
    }
}
