package org.kcskb.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between a test and its database, which can drop every connection (as a database restart
 * does) or turn into a black hole (as a pulled network cable does: bytes vanish, nothing answers, no connection
 * is refused or reset). Threads are daemons; {@link #close()} ends everything.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;
    private volatile boolean closed;

    TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection, both sides, as a database restart does; new connections work. */
    void dropAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
        sockets.clear();
    }

    /** From now on (or no longer), bytes in both directions are swallowed and new connections get no answer. */
    void blackHole(boolean on) {
        blackHole = on;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (blackHole) {
                    // Accepted, then silence: the client's login waits for an answer that never comes.
                    daemon("proxy-sink", () -> pump(client, null));
                    continue;
                }
                Socket db = new Socket();
                db.connect(upstream, 5_000);
                sockets.add(db);
                daemon("proxy-up", () -> pump(client, db));
                daemon("proxy-down", () -> pump(db, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Copies {@code from} to {@code to} until either closes; swallows the bytes while in black-hole mode. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!blackHole && out != null) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // Closed by dropAll(), close() or the peer.
        } finally {
            try {
                from.close();
                if (to != null && !blackHole) {
                    to.close();
                }
            } catch (IOException e) {
                // Already gone.
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        blackHole = false;
        dropAll();
    }
}
