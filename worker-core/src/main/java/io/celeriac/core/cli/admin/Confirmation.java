package io.celeriac.core.cli.admin;

import io.celeriac.core.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import picocli.CommandLine.Option;

/**
 * Asks before a destructive command acts, unless {@code --yes}. The answer is read from the
 * command's input (standard input unless a test supplies one). With no input at all (stdin closed
 * or /dev/null: cron, CI, a container started without -i) it refuses rather than guess.
 */
public final class Confirmation {
    @Option(names = {"-y", "--yes", "-f", "--force"}, description = "Do not ask for confirmation (required when there is no terminal).")
    boolean yes;

    private BufferedReader input;

    /** Where answers come from; tests give a reader with the answer typed in. */
    public void input(Reader reader) {
        this.input = reader == null ? null : new BufferedReader(reader);
    }

    /**
     * Asks {@code question} on {@code err}; returns null to go ahead, else the exit code to stop
     * with: 1 when the answer was no, 2 when there was no answer to read.
     */
    public Integer ask(PrintWriter err, String question) {
        if (yes) {
            return null;
        }
        err.print(question + " [y/N] ");
        err.flush();
        String answer = readLine();
        if (answer == null) {
            err.println();
            err.println("celeriac: no answer on standard input; pass --yes to confirm without a prompt");
            err.flush();
            return ExitCodes.USAGE;
        }
        String normalized = answer.strip().toLowerCase();
        if (normalized.equals("y") || normalized.equals("yes")) {
            return null;
        }
        err.println("aborted; nothing changed");
        err.flush();
        return ExitCodes.FAILURE;
    }

    private String readLine() {
        if (input == null) {
            input = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        }
        try {
            return input.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
    }
}
