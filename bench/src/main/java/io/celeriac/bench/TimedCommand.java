package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command line run as a user runs it, timed: wall time from the process's start until it has
 * exited and been reaped, and its CPU time ({@link ChildCpu}). Runs are strictly one after another,
 * so the CPU difference belongs to the one child that ended in between.
 *
 * @param argv the command and its arguments
 * @param env  variables added to (or, with a null value, removed from) the bench's environment
 */
record TimedCommand(List<String> argv, Map<String, String> env) {
    /** A run that takes longer than this is a failure, not a figure. */
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run did: its times, exit code and output (stdout and stderr together). */
    record Run(double wallSeconds, double cpuSeconds, int exitCode, String output) {
        /** The output's last non-blank line, for a failure message. */
        String lastLine() {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        }
    }

    Run run() throws IOException, InterruptedException {
        Path log = Files.createTempFile("celeriac-bench-admin", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            double cpuBefore = ChildCpu.reapedSeconds();
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Run(Double.NaN, Double.NaN, -1, Files.readString(log) + "\n(killed after " + TIMEOUT_SECONDS + " s)");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = ChildCpu.reapedSeconds() - cpuBefore;
            return new Run(wall, cpu, process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * {@code warmUps} runs left out, then {@code runs} measured; throws {@link CommandFailedException}
     * at the first run that does not exit 0.
     */
    Timing measure(int warmUps, int runs) throws IOException, InterruptedException {
        for (int i = 0; i < warmUps; i++) {
            check(run());
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            Run run = check(run());
            wall[i] = run.wallSeconds();
            cpu[i] = run.cpuSeconds();
        }
        return new Timing(wall, cpu);
    }

    /** {@code run} when it exited 0. */
    Run check(Run run) {
        if (run.exitCode() != 0) {
            throw new CommandFailedException("exit " + run.exitCode() + ": " + run.lastLine());
        }
        return run;
    }

    /** A measured command that failed: the bench reports it on its row and goes on with the next. */
    static final class CommandFailedException extends RuntimeException {
        CommandFailedException(String message) {
            super(message);
        }
    }
}
