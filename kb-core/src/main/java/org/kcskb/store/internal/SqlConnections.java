package org.kcskb.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.kcskb.StorageException;

/**
 * Hands out JDBC connections to the store: a small pool for the connections the store opens itself, or one
 * connection per call from a host's {@link DataSource} (which is then expected to pool).
 *
 * <p>Every connection handed out is in auto-commit mode; the store switches auto-commit off for a write and back
 * on before releasing it. Both kinds remember the connections in use, so that {@link #close()} can abort them:
 * a call blocked on a database that stopped answering then fails at once instead of holding up the shutdown.
 * Thread-safe.
 */
abstract sealed class SqlConnections implements AutoCloseable {
    /** The longest {@link #close()} waits for connections to close; a hung database cannot hold it longer. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Runs {@link Connection#abort} and {@link Connection#setNetworkTimeout} work on the calling thread. */
    private static final Executor DIRECT = Runnable::run;

    /** Opens a new physical connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /**
     * Returns a pool of at most {@code maxOpen} connections from {@code opener}: it checks a connection idle for
     * longer than {@code validateAfter} before handing it out, and waits at most {@code acquireTimeout} for a free
     * connection.
     */
    static SqlConnections pooled(
            Opener opener, int maxOpen, Duration validateAfter, Duration acquireTimeout, String description) {
        return new Pooled(opener, maxOpen, validateAfter, acquireTimeout, description);
    }

    /**
     * Returns a source that asks {@code dataSource} for a connection on every call and closes it after, with
     * {@code networkTimeout} set on it.
     */
    static SqlConnections perCall(DataSource dataSource, Duration networkTimeout) {
        return new PerCall(dataSource, networkTimeout, null);
    }

    /**
     * Returns a source like {@link #perCall(DataSource, Duration)} whose connections name the store's tables in
     * {@code schema} ({@link SchemaQualified}): stores in different schemas can then share one host pool, each
     * reading and writing only its own tables, whatever search path the pool's previous borrower left set, and
     * without a round trip to set one.
     */
    static SqlConnections perCall(DataSource dataSource, Duration networkTimeout, String schema) {
        return new PerCall(dataSource, networkTimeout, Objects.requireNonNull(schema, "schema"));
    }

    /** Returns a connection for one operation; give it back with {@link #release}. */
    abstract Connection acquire() throws SQLException;

    /**
     * Gives a connection back. A connection that failed is closed instead of being reused, because its session
     * state is unknown.
     */
    abstract void release(Connection connection, boolean healthy);

    /**
     * Reports that a connection to the database was lost (see {@link #isConnectionFailure}): the idle connections
     * were most likely lost with it (a database restart ends them all), so they are discarded rather than handed
     * to the next callers one failure at a time.
     */
    abstract void connectionLost();

    /**
     * Closes the idle connections and aborts those in use, so that calls still running fail; returns within
     * {@link #CLOSE_TIMEOUT} whatever the database does. Idempotent.
     */
    @Override
    public abstract void close();

    /**
     * Returns whether {@code e} means the connection itself is gone (SQLSTATE class 08, or the server shutting
     * down: 57P01 to 57P03), as opposed to a failed statement on a working connection.
     */
    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Nothing useful can be done: the connection is being discarded.
        }
    }

    static void abortQuietly(Connection connection) {
        try {
            connection.abort(DIRECT);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
        }
    }

    /**
     * Closes the idle connections and aborts the busy ones on a daemon thread, waiting at most
     * {@link #CLOSE_TIMEOUT}: closing a connection may write to a socket that nobody reads any more.
     */
    static void shutDown(List<Connection> idle, List<Connection> busy, String description) {
        if (idle.isEmpty() && busy.isEmpty()) {
            return;
        }
        Thread closer = new Thread(
                () -> {
                    busy.forEach(SqlConnections::abortQuietly);
                    idle.forEach(SqlConnections::closeQuietly);
                },
                "kb-store-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.getLogger(SqlConnections.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "Closing the connections to " + description + " did not finish within "
                                    + CLOSE_TIMEOUT.toSeconds() + " s; the database is not answering. Left to the"
                                    + " background; the store is closed");
        }
    }

    private static final class Pooled extends SqlConnections {
        private final Opener opener;
        private final Semaphore permits;
        private final int maxOpen;
        private final long validateAfterNanos;
        private final Duration acquireTimeout;
        private final String description;
        private final ArrayDeque<Idle> idle = new ArrayDeque<>();
        /** The connections handed out, with the generation they were opened in. */
        private final Map<Connection, Long> inUse = new IdentityHashMap<>();
        /**
         * Raised by {@link #connectionLost()}: a connection opened before it is not reused, also when it comes back
         * from a call that happened to finish before the loss showed.
         */
        private long generation;

        private boolean closed;

        private record Idle(Connection connection, long generation, long sinceNanos) {}

        Pooled(Opener opener, int maxOpen, Duration validateAfter, Duration acquireTimeout, String description) {
            this.opener = opener;
            this.maxOpen = maxOpen;
            this.permits = new Semaphore(maxOpen, true);
            this.validateAfterNanos = validateAfter.toNanos();
            this.acquireTimeout = acquireTimeout;
            this.description = description;
        }

        @Override
        Connection acquire() throws SQLException {
            try {
                if (!permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new StorageException("No database connection to " + description + " became free within "
                            + acquireTimeout.toMillis() + " ms (all " + maxOpen
                            + " are in use); a call may be hanging, or raise the connect timeout");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while waiting for a database connection to " + description, e);
            }
            try {
                while (true) {
                    Idle candidate;
                    long currentGeneration;
                    synchronized (this) {
                        if (closed) {
                            throw new IllegalStateException("The store is closed: " + description);
                        }
                        candidate = idle.pollLast();
                        currentGeneration = generation;
                    }
                    Connection connection;
                    long openedIn;
                    if (candidate == null) {
                        connection = opener.open();
                        openedIn = currentGeneration;
                        try {
                            connection.setAutoCommit(true);
                            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                        } catch (SQLException | RuntimeException e) {
                            closeQuietly(connection);
                            throw e;
                        }
                    } else {
                        connection = candidate.connection();
                        openedIn = candidate.generation();
                        // A connection that sat idle may have been cut (a database restart, a firewall's idle
                        // timeout): check it rather than fail the caller's call. A recently used one is trusted.
                        if (System.nanoTime() - candidate.sinceNanos() > validateAfterNanos && !isValid(connection)) {
                            closeQuietly(connection);
                            continue;
                        }
                    }
                    synchronized (this) {
                        if (closed) {
                            closeQuietly(connection);
                            throw new IllegalStateException("The store is closed: " + description);
                        }
                        inUse.put(connection, openedIn);
                    }
                    return connection;
                }
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        private boolean isValid(Connection connection) {
            try {
                return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        /** How long a validation may take before the connection counts as dead. */
        private static final int VALIDATION_TIMEOUT_SECONDS = 2;

        @Override
        void release(Connection connection, boolean healthy) {
            try {
                synchronized (this) {
                    Long openedIn = inUse.remove(connection);
                    if (healthy && !closed && openedIn != null && openedIn == generation) {
                        idle.addLast(new Idle(connection, openedIn, System.nanoTime()));
                        return;
                    }
                }
                closeQuietly(connection);
            } finally {
                permits.release();
            }
        }

        @Override
        void connectionLost() {
            List<Connection> toClose = new ArrayList<>();
            synchronized (this) {
                generation++;
                idle.forEach(i -> toClose.add(i.connection()));
                idle.clear();
            }
            toClose.forEach(SqlConnections::abortQuietly);
        }

        @Override
        public void close() {
            List<Connection> idleConnections = new ArrayList<>();
            List<Connection> busy;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                idle.forEach(i -> idleConnections.add(i.connection()));
                idle.clear();
                busy = new ArrayList<>(inUse.keySet());
            }
            shutDown(idleConnections, busy, description);
        }
    }

    private static final class PerCall extends SqlConnections {
        private final DataSource dataSource;
        private final int networkTimeoutMillis;
        /** The schema that names the tables of every borrowed connection, or {@code null} for the search path. */
        private final String schema;

        private final Map<Connection, Boolean> inUse = new IdentityHashMap<>();
        private boolean closed;

        PerCall(DataSource dataSource, Duration networkTimeout, String schema) {
            this.dataSource = dataSource;
            this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis());
            this.schema = schema;
        }

        /**
         * After a lost connection, every connection borrowed within this window is checked first: the host's pool
         * may still hold connections that the same database restart ended (HikariCP skips its own check for a
         * connection used within the last 500 ms).
         */
        private static final long CHECK_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

        /** How many dead connections one call discards before it gives up and uses the next one unchecked. */
        private static final int MAX_DISCARDS = 16;

        /** Until when borrowed connections are checked, in {@link System#nanoTime()}; 0 when not. */
        private volatile long checkUntilNanos;

        @Override
        Connection acquire() throws SQLException {
            for (int discarded = 0; ; discarded++) {
                Connection connection = borrow();
                long until = checkUntilNanos;
                if (until == 0 || System.nanoTime() - until > 0 || discarded >= MAX_DISCARDS || isAlive(connection)) {
                    return connection;
                }
                release(connection, false);
            }
        }

        /**
         * Runs a trivial query rather than {@link Connection#isValid}: a pool such as HikariCP sees the failure of
         * a query through its proxy and evicts the connection, while a failed {@code isValid} tells it nothing.
         */
        private static boolean isAlive(Connection connection) {
            try (var statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                statement.execute("SELECT 1");
                return true;
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        private Connection borrow() throws SQLException {
            Connection connection = dataSource.getConnection();
            try {
                // The host's pool decides the defaults; the store needs auto-commit for reads. The isolation
                // level is set per write transaction (SqlDialect.beginWrite), so that it does not leak back.
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                // A call must not wait forever on a server that stopped answering. HikariCP resets it on return.
                connection.setNetworkTimeout(DIRECT, networkTimeoutMillis);
                Connection handedOut = schema == null ? connection : SchemaQualified.wrap(connection, schema);
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("The store is closed");
                    }
                    inUse.put(handedOut, Boolean.TRUE);
                }
                return handedOut;
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }

        @Override
        void release(Connection connection, boolean healthy) {
            synchronized (this) {
                inUse.remove(connection);
            }
            // Back to the host's pool, which validates it before it hands it out again.
            closeQuietly(connection);
        }

        @Override
        void connectionLost() {
            // The host's pool evicts the connection that failed; the check window catches its dead siblings.
            long until = System.nanoTime() + CHECK_WINDOW_NANOS;
            checkUntilNanos = until == 0 ? 1 : until;
        }

        @Override
        public void close() {
            List<Connection> busy;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                busy = new ArrayList<>(inUse.keySet());
            }
            // The data source belongs to the host; only the connections this store still uses are aborted.
            shutDown(List.of(), busy, "the host's data source");
        }
    }
}
