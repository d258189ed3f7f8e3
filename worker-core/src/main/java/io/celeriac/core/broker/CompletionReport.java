package io.celeriac.core.broker;

import java.util.List;

/**
 * What applying a batch of completions did.
 *
 * @param fenced  the completions not applied because their delivery was no longer held (positions in the batch)
 * @param refused writes the store refused (a key of another type), each said in a line; what could be
 *                dead-lettered instead was
 */
public record CompletionReport(List<Integer> fenced, List<String> refused) {
    public static final CompletionReport NONE = new CompletionReport(List.of(), List.of());
}
