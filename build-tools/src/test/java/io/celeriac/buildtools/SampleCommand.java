package io.celeriac.buildtools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A command for the upgraded picocli to parse: 0 when it received what the test passes. */
@Command(name = "sample")
public class SampleCommand implements Callable<Integer> {
    @Option(names = "--queues")
    String queues;

    @Option(names = "--concurrency")
    int concurrency;

    @Override
    public Integer call() {
        return "ai_tasks".equals(queues) && concurrency == 3 ? 0 : 1;
    }
}
