package io.celeriac.bench.fleet;

import java.util.List;

/** N workers running against one Redis, each with queues of its own, until closed. */
interface Fleet extends AutoCloseable {
    /** How many workers run. */
    int size();

    /** The queues worker {@code index} consumes (its own: no other worker serves them). */
    List<String> queues(int index);

    /** What kind of workers these are, for the report: in-jvm, processes, celery. */
    String mode();

    @Override
    void close() throws Exception;

    /** The queue names of worker {@code index} of run {@code run}: {@code <run>-w<index>-q<j>}. */
    static List<String> queueNames(String run, int index, int queuesPerWorker) {
        return java.util.stream.IntStream.range(0, queuesPerWorker).mapToObj(j -> run + "-w" + index + "-q" + j).toList();
    }
}
