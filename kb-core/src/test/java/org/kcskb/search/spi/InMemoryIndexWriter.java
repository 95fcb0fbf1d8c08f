package org.kcskb.search.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.vocabulary.Vocabulary;

/**
 * A {@link SearchIndexWriter} over maps, for testing the {@link ChangeFeedFollower}: its "disk" (the last commit)
 * survives the writer, so that another writer can reopen it; what searches see is a snapshot taken on refresh. It
 * records every call, and checks the threading contract: never two calls at once, never on a thread the test names
 * as a caller's. A {@link #fault} fails chosen calls.
 */
final class InMemoryIndexWriter implements SearchIndexWriter {

    /** The last commit: what a crash or a rollback leaves. */
    static final class Disk {
        volatile Map<ArticleId, Article> articles = Map.of();
        volatile long sequence;
        volatile String storeId = "";
        volatile boolean compatible = true;
        volatile boolean corrupt;
    }

    final Disk disk;
    /** What searches see. */
    volatile Map<ArticleId, Article> searchable = Map.of();

    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Calls that came while another was running, or on a caller's thread: must stay empty. */
    final List<String> violations = new CopyOnWriteArrayList<>();

    final Set<Thread> callers = ConcurrentHashMap.newKeySet();
    /** Returns the failure a call (by name) throws, or null; may count. */
    volatile Function<String, RuntimeException> fault = call -> null;

    /** Every vocabulary the follower gave, in order. */
    final List<Vocabulary> vocabularies = new CopyOnWriteArrayList<>();

    private final AtomicInteger running = new AtomicInteger();
    private Map<ArticleId, Article> working;
    private Map<ArticleId, Article> rebuilding;
    /** The working copy was reopened behind what searches see, and has not been refreshed with caughtUp since. */
    private boolean behind;

    InMemoryIndexWriter(Disk disk) {
        this.disk = disk;
    }

    private void enter(String call) {
        if (running.incrementAndGet() != 1) {
            violations.add(call + " while another call ran");
        }
        if (callers.contains(Thread.currentThread())) {
            violations.add(call + " on a caller's thread");
        }
        calls.add(call);
        try {
            RuntimeException failure = fault.apply(call);
            if (failure != null) {
                throw failure;
            }
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
    }

    private void exit() {
        running.decrementAndGet();
    }

    private void requireOpen(String call) {
        if (working == null) {
            violations.add(call + " on a writer that is not open");
        }
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    @Override
    public void vocabulary(Vocabulary stored) {
        enter("vocabulary");
        try {
            vocabularies.add(stored);
        } finally {
            exit();
        }
    }

    @Override
    public Committed open() {
        enter("open");
        try {
            if (disk.corrupt) {
                throw new SearchIndexException(SearchIndexException.Kind.CORRUPT, "corrupt", null);
            }
            if (!disk.compatible) {
                working = new HashMap<>();
                searchable = Map.of();
                return new Committed(0, disk.storeId, false);
            }
            working = new HashMap<>(disk.articles);
            searchable = Map.copyOf(working);
            return new Committed(disk.sequence, disk.storeId, true);
        } finally {
            exit();
        }
    }

    @Override
    public long reopen() {
        enter("reopen");
        try {
            if (disk.corrupt) {
                throw new SearchIndexException(SearchIndexException.Kind.CORRUPT, "corrupt", null);
            }
            working = new HashMap<>(disk.articles);
            behind = true;
            return disk.sequence;
        } finally {
            exit();
        }
    }

    @Override
    public void rollback() {
        // May come from a closing thread while a call hangs: not checked for overlap.
        calls.add("rollback");
        working = null;
        rebuilding = null;
    }

    @Override
    public void recreate() {
        enter("recreate");
        try {
            disk.corrupt = false;
            disk.compatible = true;
            disk.articles = Map.of();
            disk.sequence = 0;
            working = new HashMap<>();
            behind = true;
        } finally {
            exit();
        }
    }

    @Override
    public void index(Article article, long sequence) {
        enter("index");
        try {
            requireOpen("index");
            working.put(article.id(), article);
        } finally {
            exit();
        }
    }

    @Override
    public void updateSignals(Article article, long sequence) {
        enter("updateSignals");
        try {
            requireOpen("updateSignals");
            working.put(article.id(), article);
        } finally {
            exit();
        }
    }

    @Override
    public void delete(ArticleId id, boolean purged, long sequence) {
        enter(purged ? "purge" : "delete");
        try {
            requireOpen("delete");
            working.remove(id);
        } finally {
            exit();
        }
    }

    @Override
    public void refresh(boolean caughtUp) {
        enter("refresh");
        try {
            requireOpen("refresh");
            if (behind && !caughtUp) {
                return;
            }
            behind = false;
            searchable = Map.copyOf(working);
        } finally {
            exit();
        }
    }

    @Override
    public void commit(long sequence, String storeId) {
        enter("commit");
        try {
            requireOpen("commit");
            disk.articles = Map.copyOf(working);
            disk.sequence = sequence;
            disk.storeId = storeId;
        } finally {
            exit();
        }
    }

    @Override
    public Rebuild beginRebuild() {
        enter("beginRebuild");
        try {
            requireOpen("beginRebuild");
            rebuilding = new HashMap<>();
        } finally {
            exit();
        }
        return new Rebuild() {
            @Override
            public void add(Article article) {
                enter("add");
                try {
                    rebuilding.put(article.id(), article);
                } finally {
                    exit();
                }
            }

            @Override
            public void swap(long sequence, String storeId) {
                enter("swap");
                try {
                    working = rebuilding;
                    rebuilding = null;
                    disk.articles = Map.copyOf(working);
                    disk.sequence = sequence;
                    disk.storeId = storeId;
                    behind = false;
                } finally {
                    exit();
                }
            }

            @Override
            public void abort() {
                calls.add("abort");
                rebuilding = null;
                working = null;
            }
        };
    }

    @Override
    public void close() {
        calls.add("close");
        working = null;
    }
}
