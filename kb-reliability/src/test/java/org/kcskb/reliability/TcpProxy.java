package org.kcskb.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between a client and a server that can fail the network: {@link #dropAll()} closes every
 * connection (as a server restart does), and {@link #blackHole(boolean)} stops carrying bytes either way without
 * closing anything (as a pulled cable does: TCP waits, then carries on when the cable is back). Thread-safe.
 */
final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Object gate = new Object();
    private volatile boolean blackHole;
    private volatile boolean closed;

    TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    /** The local port to connect to instead of the server's. */
    int port() {
        return server.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Closes every open connection, both sides; new connections are accepted as before. */
    void dropAll() {
        for (Socket socket : sockets) {
            close(socket);
        }
    }

    /** Starts or ends a black hole: while it lasts no byte crosses in either direction and nothing is closed. */
    void blackHole(boolean on) {
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
                Thread.ofPlatform().daemon().name("proxy-connect").start(() -> connect(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitLight();
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(target, 5_000);
            Thread.ofPlatform().daemon().name("proxy-up").start(() -> pump(client, upstream));
            Thread.ofPlatform().daemon().name("proxy-down").start(() -> pump(upstream, client));
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

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
            // dropped, or the other side closed
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
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        blackHole(false);
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        dropAll();
    }
}
