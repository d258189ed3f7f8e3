package io.celeriac.http.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer bound to one address that counts the TCP connections it accepts, not only the
 * requests it reads: a server an SSRF test must leave alone must see no connection at all.
 */
public final class CountingServer implements AutoCloseable {
    public final MockWebServer server = new MockWebServer();
    private final AtomicInteger connections = new AtomicInteger();

    public CountingServer(String bindAddress, java.util.function.Function<RecordedRequest, MockResponse> answer) throws IOException {
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket socket = super.accept();
                        connections.incrementAndGet();
                        return socket;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
                throw new UnsupportedOperationException();
            }
        });
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(request);
            }
        });
        server.start(InetAddress.getByName(bindAddress), 0);
    }

    public int port() {
        return server.getPort();
    }

    public int connections() {
        return connections.get();
    }

    public int requests() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
