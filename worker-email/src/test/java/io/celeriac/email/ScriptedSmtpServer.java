package io.celeriac.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers RCPT TO with a reply chosen by the test (GreenMail accepts
 * everything), to provoke 4xx and 5xx failures, or drops the connection at DATA. Counts the
 * messages it accepted, and the DATA sessions that ended without the final dot (a real server
 * discards those).
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile String rcptReply;
    private volatile boolean dropAtData;

    ScriptedSmtpServer(String rcptReply) throws IOException {
        this.rcptReply = rcptReply;
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int abandoned() {
        return abandoned.get();
    }

    void rcptReply(String reply) {
        this.rcptReply = reply;
    }

    /** While set, the connection is closed when the client says DATA, before any 354. */
    void dropAtData(boolean drop) {
        this.dropAtData = drop;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or the client hung up: next connection
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
        reply(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 scripted");
                case "MAIL" -> reply(out, "250 2.1.0 ok");
                case "RCPT" -> reply(out, rcptReply);
                case "DATA" -> {
                    if (dropAtData) {
                        return;
                    }
                    reply(out, "354 go ahead");
                    boolean ended = false;
                    while (!ended && (line = in.readLine()) != null) {
                        ended = line.equals("."); // the message body; discarded
                    }
                    if (!ended) {
                        abandoned.incrementAndGet(); // the client went away before the end: nothing to accept
                        return;
                    }
                    accepted.incrementAndGet();
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static void reply(PrintWriter out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
