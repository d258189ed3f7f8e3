package io.celeriac.email;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * GreenMail (a real SMTP server, in process) whose answer to the end of DATA a test can take away,
 * the two ways a client meets it in production:
 * <ul>
 *   <li>{@link AfterData#DROP}: the server keeps the message, then the connection drops before
 *       its {@code 250} (a crash, a load balancer's reset) - the client sees the connection end;</li>
 *   <li>{@link AfterData#DROP_AND_LOSE}: the same, but the server loses the message;</li>
 *   <li>{@link AfterData#STALL}: the server takes its time (a slow content filter): no answer until
 *       the test {@link #release releases} it, long after the client's timeout, then it keeps the
 *       message and answers a client that is gone.</li>
 * </ul>
 * The fault is injected where GreenMail hands the received message to a mailbox, so everything up to
 * the final dot is GreenMail's own SMTP.
 */
final class UnansweringSmtp extends GreenMail {
    enum AfterData { ANSWER, DROP, DROP_AND_LOSE, STALL }

    private volatile AfterData mode;
    private volatile Socket client;
    private volatile CountDownLatch release;

    UnansweringSmtp(AfterData mode) {
        super(ServerSetup.dynamicPort(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)}));
        this.mode = mode;
        this.release = new CountDownLatch(1);
    }

    void mode(AfterData mode) {
        this.mode = mode;
    }

    /** A stalled server goes on: it keeps the message and answers (nobody). */
    void release() {
        release.countDown();
    }

    int port() {
        return getSmtp().getPort();
    }

    int received() {
        return getReceivedMessages().length;
    }

    @Override
    public synchronized void start() {
        super.start();
        MessageDeliveryHandler keep = getUserManager().getMessageDeliveryHandler();
        getUserManager().setMessageDeliveryHandler((message, address) -> {
            switch (mode) {
                case DROP -> {
                    var user = keep.handle(message, address); // kept once this returns
                    drop();
                    return user;
                }
                case DROP_AND_LOSE -> {
                    drop();
                    throw new MessagingException("test: the server lost the message with the connection");
                }
                case STALL -> {
                    awaitRelease();
                    return keep.handle(message, address);
                }
                default -> {
                    return keep.handle(message, address);
                }
            }
        });
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        ServerSetup smtp = services.get(ServerSetup.PROTOCOL_SMTP).getServerSetup();
        services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(smtp, managers) {
            @Override
            protected ProtocolHandler createProtocolHandler(Socket socket) {
                client = socket; // tests hold one connection at a time
                return super.createProtocolHandler(socket);
            }
        });
        return services;
    }

    /** The client sees the connection end; the server's own answer, written next, goes nowhere. */
    private void drop() {
        try {
            client.shutdownOutput();
        } catch (IOException e) {
            throw new IllegalStateException("could not drop the test connection", e);
        }
    }

    private void awaitRelease() {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a stalled test server was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
