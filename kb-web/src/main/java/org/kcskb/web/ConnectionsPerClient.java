package org.kcskb.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection when its peer already holds {@code max} open ones, so that one address cannot take the
 * server's connections (Jetty's {@code ConnectionLimit} counts all clients together).
 *
 * <p>Peers are counted by {@linkplain ClientAddresses#bucket bucket} (an IPv6 /64 counts as one peer). Trusted
 * proxies are exempt: every visitor behind them shares their address. A refused peer is logged once a minute, in
 * one line. Thread-safe.
 */
final class ConnectionsPerClient implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(KbWeb.class);

    private final int max;
    private final ClientAddresses addresses;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, String> peers = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> recentlyLogged = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    ConnectionsPerClient(int max, ClientAddresses addresses) {
        this.max = max;
        this.addresses = addresses;
    }

    @Override
    public void onOpened(Connection connection) {
        String peer = peerOf(connection);
        if (peer == null) {
            return;
        }
        // Remembered here: once the socket is closed, the endpoint no longer knows its remote address.
        peers.put(connection, peer);
        int count = open.merge(peer, 1, Integer::sum);
        if (count > max) {
            if (recentlyLogged.asMap().putIfAbsent(peer, Boolean.TRUE) == null) {
                LOG.warn(
                        "Refused connections from {}: it already holds {} (the help site's limit per client);"
                                + " further refusals within a minute are not logged",
                        peer,
                        max);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String peer = peers.remove(connection);
        if (peer == null) {
            return;
        }
        open.computeIfPresent(peer, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** The peer's bucket, or null for trusted proxies and non-IP endpoints (never counted). */
    private String peerOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return null;
        }
        InetAddress address = socket.getAddress();
        return addresses.isTrustedProxy(address) ? null : ClientAddresses.bucket(address);
    }

    /** The number of connections open from {@code bucket} (for tests). */
    int openFrom(String bucket) {
        return open.getOrDefault(bucket, 0);
    }
}
