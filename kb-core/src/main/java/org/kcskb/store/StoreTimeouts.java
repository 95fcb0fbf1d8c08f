package org.kcskb.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a PostgreSQL store waits for the database before a call fails with
 * {@link org.kcskb.StorageException}, so that a database that is down, restarting or behind a network black hole
 * fails calls instead of hanging them (and the search index follower and {@code close()} with them).
 *
 * <p>Immutable and thread-safe.
 *
 * @param connect to open a connection: the TCP connect and the login (PostgreSQL {@code connectTimeout} and
 *     {@code loginTimeout}); also the longest wait for a free pooled connection
 * @param statement the longest a single statement may run on the server ({@code statement_timeout}); the server
 *     cancels it and the call fails. Applied to the connections the store opens itself; over a host's
 *     {@link javax.sql.DataSource}, configure it in the host's pool
 * @param network the longest wait for any answer from the server on an open connection ({@code socketTimeout},
 *     {@link java.sql.Connection#setNetworkTimeout}); catches a server or network that stopped answering. Longer
 *     than {@code statement}, so that a slow statement is cancelled by the server first
 */
public record StoreTimeouts(Duration connect, Duration statement, Duration network) {
    private static final StoreTimeouts DEFAULTS =
            new StoreTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public StoreTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(network, "network");
        for (Duration d : new Duration[] {connect, statement, network}) {
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "Store timeouts must be between 1 ms and 1 hour, was " + d + " in " + this);
            }
        }
        if (network.compareTo(statement) <= 0) {
            throw new IllegalArgumentException("The network timeout (" + network
                    + ") must be longer than the statement timeout (" + statement
                    + "), so that the server cancels a slow statement before the client gives up on the connection");
        }
    }

    /** Returns the defaults: 10 s to connect, 30 s per statement, 60 s without an answer from the server. */
    public static StoreTimeouts defaults() {
        return DEFAULTS;
    }
}
