package org.kcskb.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between a test and its server (a database) that can fail the network:
 * {@link #dropAll()} closes every connection, both sides (as a server restart does), and {@link #blackHole(boolean)}
 * stops carrying bytes either way without closing or refusing anything (as a pulled cable does: nothing answers, a
 * new connection is accepted and then hears nothing; TCP waits, and carries on when the cable is back). Threads are
 * daemons; {@link #close()} ends everything. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Object gate = new Object();
    private volatile boolean blackHole;
    private volatile boolean closed;

    /** Starts a proxy to {@code host:port}, listening on a free loopback {@link #port()}. */
    public TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept);
    }

    /** The local port to connect to instead of the server's. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Closes every open connection, both sides; new connections are accepted as before. */
    public void dropAll() {
        // A snapshot: iterating the live set would also close connections the client opens again while this
        // runs, and a caller would lose its retry as well as the call in flight.
        for (Socket socket : List.copyOf(sockets)) {
            close(socket);
        }
    }

    /** Starts or ends a black hole: while it lasts no byte crosses in either direction and nothing is closed. */
    public void blackHole(boolean on) {
        synchronized (gate) {
            blackHole = on;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sockets.add(client);
                daemon("proxy-connect", () -> connect(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // A failed accept (the client gave up at once): keep serving.
            }
        }
    }

    /** Connects the accepted {@code client} to the server, once no black hole stands in between. */
    private void connect(Socket client) {
        try {
            awaitLight();
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(target, 5_000);
            daemon("proxy-up", () -> pump(client, upstream));
            daemon("proxy-down", () -> pump(upstream, client));
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

    /** Copies {@code from} to {@code to} until either closes, holding the bytes while a black hole lasts. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                awaitLight();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // Dropped, closed, or the other side closed.
        } finally {
            close(from);
            close(to);
        }
    }

    private void awaitLight() throws InterruptedException {
        synchronized (gate) {
            while (blackHole && !closed) {
                gate.wait();
            }
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread.ofPlatform().daemon().name(name).start(body);
    }

    @Override
    public void close() {
        closed = true;
        blackHole(false);
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        dropAll();
    }
}
