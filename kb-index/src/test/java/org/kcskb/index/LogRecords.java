package org.kcskb.index;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the index and its change-feed follower log while open, to count warnings per episode. */
final class LogRecords extends Handler implements AutoCloseable {
    private static final Logger INDEX = Logger.getLogger("org.kcskb.index");
    /** The {@link org.kcskb.search.spi.ChangeFeedFollower}'s package, in kb-core. */
    private static final Logger FOLLOWER = Logger.getLogger("org.kcskb.search.spi");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords() {}

    static LogRecords capture() {
        var handler = new LogRecords();
        handler.setLevel(Level.ALL);
        INDEX.addHandler(handler);
        FOLLOWER.addHandler(handler);
        return handler;
    }

    /** The warnings (and worse) so far, as their messages. */
    List<String> warnings() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage)
                .toList();
    }

    void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        INDEX.removeHandler(this);
        FOLLOWER.removeHandler(this);
    }
}
