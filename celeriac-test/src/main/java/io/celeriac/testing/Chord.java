package io.celeriac.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** A chord's header in progress: the parts' results in header order, and whether its body was decided. */
final class Chord {
    final Queued.Step body;
    private final JsonNode[] results;
    private int done;
    private boolean decided;

    Chord(Queued.Step body, int parts) {
        this.body = body;
        this.results = new JsonNode[parts];
    }

    /** Records part {@code index}'s result; true when it was the last part (the body runs now). */
    boolean partSucceeded(int index, JsonNode result) {
        results[index] = result;
        done++;
        if (done == results.length && !decided) {
            decided = true;
            return true;
        }
        return false;
    }

    /** A part failed: true the first time (the body fails then, once). */
    boolean partFailed() {
        if (decided) {
            return false;
        }
        decided = true;
        return true;
    }

    JsonNode[] results() {
        return results.clone();
    }
}
