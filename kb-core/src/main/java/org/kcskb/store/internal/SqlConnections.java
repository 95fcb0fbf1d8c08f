package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.kcskb.StorageException;

/**
 * Hands out JDBC connections to the store: a small pool for the connections the store opens itself, or one
 * connection per call from a host's {@link DataSource} (which is then expected to pool).
 *
 * <p>Every connection handed out is in auto-commit mode at READ COMMITTED; the store switches auto-commit off
 * for a write and back on before releasing it. Thread-safe.
 */
abstract sealed class SqlConnections implements AutoCloseable {

    /** Opens a new physical connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Returns a pool of at most {@code maxOpen} connections from {@code opener}. */
    static SqlConnections pooled(Opener opener, int maxOpen, String description) {
        return new Pooled(opener, maxOpen, description);
    }

    /** Returns a source that asks {@code dataSource} for a connection on every call and closes it after. */
    static SqlConnections perCall(DataSource dataSource) {
        return new PerCall(dataSource);
    }

    /** Returns a connection for one operation; give it back with {@link #release}. */
    abstract Connection acquire() throws SQLException;

    /**
     * Gives a connection back. A connection that failed is closed instead of being reused, because its session
     * state is unknown.
     */
    abstract void release(Connection connection, boolean healthy);

    /** Closes the idle connections; connections in use are closed when they are released. Idempotent. */
    @Override
    public abstract void close();

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Nothing useful can be done: the connection is being discarded.
        }
    }

    private static final class Pooled extends SqlConnections {
        /** How long a caller waits for a free connection before the operation fails. */
        private static final long ACQUIRE_TIMEOUT_SECONDS = 30;

        private final Opener opener;
        private final Semaphore permits;
        private final int maxOpen;
        private final String description;
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private boolean closed;

        Pooled(Opener opener, int maxOpen, String description) {
            this.opener = opener;
            this.maxOpen = maxOpen;
            this.permits = new Semaphore(maxOpen, true);
            this.description = description;
        }

        @Override
        Connection acquire() throws SQLException {
            try {
                if (!permits.tryAcquire(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new StorageException("No database connection to " + description + " became free within "
                            + ACQUIRE_TIMEOUT_SECONDS + " s (all " + maxOpen + " are in use); a call may be hanging");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while waiting for a database connection to " + description, e);
            }
            try {
                Connection connection;
                synchronized (this) {
                    connection = idle.pollLast();
                }
                if (connection == null) {
                    connection = opener.open();
                    connection.setAutoCommit(true);
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        @Override
        void release(Connection connection, boolean healthy) {
            try {
                synchronized (this) {
                    if (healthy && !closed) {
                        idle.addLast(connection);
                        return;
                    }
                }
                closeQuietly(connection);
            } finally {
                permits.release();
            }
        }

        @Override
        public void close() {
            ArrayDeque<Connection> toClose;
            synchronized (this) {
                closed = true;
                toClose = new ArrayDeque<>(idle);
                idle.clear();
            }
            toClose.forEach(SqlConnections::closeQuietly);
        }
    }

    private static final class PerCall extends SqlConnections {
        private final DataSource dataSource;

        PerCall(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        Connection acquire() throws SQLException {
            Connection connection = dataSource.getConnection();
            try {
                // The host's pool decides the defaults; the store needs auto-commit for reads. The isolation
                // level is set per write transaction (SqlDialect.beginWrite), so that it does not leak back.
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }

        @Override
        void release(Connection connection, boolean healthy) {
            closeQuietly(connection);
        }

        @Override
        public void close() {
            // The data source belongs to the host.
        }
    }
}
