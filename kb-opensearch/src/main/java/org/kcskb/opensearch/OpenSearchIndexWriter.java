package org.kcskb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kcskb.StorageException;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.search.spi.SearchIndexException;
import org.kcskb.search.spi.SearchIndexWriter;

/**
 * The write side of one of the engine's indices, driven by the {@link org.kcskb.search.spi.ChangeFeedFollower}.
 *
 * <p>The index lives behind an alias; a rebuild creates a new index and moves the alias in one atomic action.
 * Writes go in bulk requests of up to {@value #BATCH} operations, sent at the latest when the follower refreshes
 * or commits. Each carries the change sequence as an external version ({@code external_gte}), so that when
 * several application nodes follow the store into the same index, a late write never replaces a newer one. A
 * commit writes a metadata document with the sequence and the store's identity; every write is durable in the
 * cluster once acknowledged (its translog), so a crash loses nothing but what was not yet sent, which the follower
 * applies again.
 */
final class OpenSearchIndexWriter implements SearchIndexWriter {
    static final int BATCH = 500;

    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final Cluster cluster;
    private final String alias;
    private final String description;
    private final int shards;
    private final int replicas;
    private final List<JsonNode> pending = new ArrayList<>();
    private final GermanAnalysis german;
    /** The vocabulary was learned from the store as it was at this change; replaying up to it must not learn again. */
    private long learnedUpTo;

    private long committedSequence = -1;
    private String committedStore = "";
    private boolean dirty;
    private volatile boolean cut;
    /**
     * Whether an article with translations was given to this writer (loaded, indexed or rebuilt): only then do
     * searches ask which translations to leave out. Every node's follower applies every change, so each node's
     * writer knows before the change becomes searchable. Never reset: a dissolved group only costs that request.
     */
    private volatile boolean translations;
    /** The store's vocabulary as the follower gave it last: query-time state, not part of the index. */
    private volatile org.kcskb.vocabulary.Vocabulary vocabulary = org.kcskb.vocabulary.Vocabulary.empty();

    OpenSearchIndexWriter(
            Cluster cluster, String alias, String description, int shards, int replicas, GermanAnalysis german) {
        this.cluster = cluster;
        this.german = german;
        this.alias = alias;
        this.description = description;
        this.shards = shards;
        this.replicas = replicas;
    }

    /**
     * Cuts this writer off the cluster, as a crash of its process would: every later request fails (so nothing of
     * a close, not even its final commit, reaches the cluster). For tests.
     */
    void cut() {
        cut = true;
    }

    private Cluster cluster() {
        if (cut) {
            throw new StorageException("cut off the cluster (a simulated crash)");
        }
        return cluster;
    }

    /** Whether any article given to this writer had translations (see {@link #translations}). */
    boolean sawTranslations() {
        return translations;
    }

    private void noteTranslations(Article article) {
        if (!article.translations().isEmpty()) {
            translations = true;
        }
    }

    String alias() {
        return alias;
    }

    @Override
    public void vocabulary(org.kcskb.vocabulary.Vocabulary stored) {
        this.vocabulary = java.util.Objects.requireNonNull(stored, "stored");
    }

    /** The store's vocabulary as the follower gave it last. */
    org.kcskb.vocabulary.Vocabulary vocabulary() {
        return vocabulary;
    }

    private SearchIndexException broken(String what, RuntimeException e) {
        return new SearchIndexException(
                SearchIndexException.Kind.BROKEN, "Cannot " + what + " " + description + ": " + e.getMessage(), e);
    }

    @Override
    public Committed open() {
        try {
            if (indices().isEmpty()) {
                // A fixed name for the first index: when several nodes open at once, one creates it, the others
                // find it.
                Cluster.Reply created = createIndex(alias + "-0", true);
                if (!created.ok()
                        && !created.body()
                                .path("error")
                                .path("type")
                                .asText()
                                .equals("resource_already_exists_exception")) {
                    cluster().check(created, "PUT", alias + "-0");
                }
            }
            return readCommitted();
        } catch (StorageException e) {
            throw broken("open or create", e);
        }
    }

    private Committed readCommitted() {
        Cluster.Reply meta = cluster().send("GET", "/" + alias + "/_doc/" + IndexSchema.META_ID, null);
        if (meta.status() == 404) {
            committedSequence = 0;
            committedStore = "";
            return new Committed(0, "", schemaMatches());
        }
        cluster().check(meta, "GET", alias + "/_doc/" + IndexSchema.META_ID);
        JsonNode source = meta.body().path("_source");
        committedSequence = source.path("sequence").asLong(0);
        committedStore = source.path("store_id").asText("");
        boolean compatible = source.path("schema").asInt(-1) == IndexSchema.VERSION;
        return new Committed(committedSequence, committedStore, compatible);
    }

    private boolean schemaMatches() {
        JsonNode mapping = cluster().call("GET", "/" + alias + "/_mapping", null);
        for (JsonNode index : mapping) {
            if (index.path("mappings").path("_meta").path("schema").asInt(-1) != IndexSchema.VERSION) {
                return false;
            }
        }
        return true;
    }

    /** The concrete indices the alias points at (one, but for a failure between two steps of an alias swap). */
    private List<String> indices() {
        Cluster.Reply reply = cluster().send("GET", "/_alias/" + alias, null);
        if (reply.status() == 404) {
            return List.of();
        }
        cluster().check(reply, "GET", "_alias/" + alias);
        var names = new ArrayList<String>();
        reply.body().fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Cluster.Reply createIndex(String name, boolean withAlias) {
        ObjectNode body = IndexSchema.create(shards, replicas);
        if (withAlias) {
            body.putObject("aliases").putObject(alias);
        }
        Cluster.Reply reply = cluster().send("PUT", "/" + name + "?wait_for_active_shards=1", body);
        return reply;
    }

    @Override
    public long reopen() {
        try {
            pending.clear();
            return readCommitted().sequence();
        } catch (StorageException e) {
            throw broken("reopen", e);
        }
    }

    @Override
    public void rollback() {
        pending.clear();
    }

    @Override
    public void recreate() {
        try {
            pending.clear();
            for (String index : indices()) {
                cluster().call("DELETE", "/" + index, null, 404);
            }
            String name = alias + "-" + generation();
            cluster().check(createIndex(name, true), "PUT", name);
            committedSequence = 0;
            committedStore = "";
        } catch (StorageException e) {
            throw broken("recreate", e);
        }
    }

    private static String generation() {
        return System.currentTimeMillis() + "-" + GENERATIONS.incrementAndGet();
    }

    @Override
    public void load(Iterable<Article> admitted, long upTo) {
        german.reset();
        for (Article article : admitted) {
            german.learn(article);
            noteTranslations(article);
        }
        german.publish();
        learnedUpTo = upTo;
    }

    @Override
    public void index(Article article, long sequence) {
        noteTranslations(article);
        if (sequence > learnedUpTo) {
            german.learn(article);
        }
        pending.add(Cluster.object()
                .set(
                        "index",
                        Cluster.object()
                                .put("_index", alias)
                                .put("_id", article.id().value())
                                .put("version", Math.max(1, sequence))
                                .put("version_type", "external_gte")));
        pending.add(IndexSchema.document(article, german));
        dirty = true;
        flushIfFull();
    }

    @Override
    public void updateSignals(Article article, long sequence) {
        index(article, sequence);
    }

    @Override
    public void delete(ArticleId id, boolean purged, long sequence) {
        pending.add(Cluster.object()
                .set(
                        "delete",
                        Cluster.object()
                                .put("_index", alias)
                                .put("_id", id.value())
                                .put("version", Math.max(1, sequence))
                                .put("version_type", "external_gte")));
        dirty = true;
        flushIfFull();
    }

    private void flushIfFull() {
        if (pending.size() >= 2 * BATCH) {
            flush();
        }
    }

    private void flush() {
        send(pending, "write to");
    }

    /** Sends {@code lines} in one bulk request, if any, and empties the list whatever happens. */
    private void send(List<JsonNode> lines, String what) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            bulk(lines);
        } catch (StorageException e) {
            throw broken(what, e);
        } finally {
            lines.clear();
        }
    }

    /** Sends a bulk request; conflicts with newer versions and deletes of missing documents are fine. */
    private void bulk(List<JsonNode> lines) {
        JsonNode reply = cluster()
                .send("POST", "/_bulk", Cluster.ndjson(lines), "application/x-ndjson")
                .body();
        if (reply.has("error")) {
            throw new StorageException("the bulk request failed: " + Cluster.error(reply));
        }
        if (!reply.path("errors").asBoolean(false)) {
            return;
        }
        for (JsonNode item : reply.path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            if (status < 300 || status == 409 || status == 404 && item.has("delete")) {
                continue;
            }
            throw new StorageException("writing article " + result.path("_id").asText() + " failed with HTTP " + status
                    + ": " + Cluster.error(result));
        }
    }

    @Override
    public void refresh(boolean caughtUp) {
        flush();
        try {
            cluster().call("POST", "/" + alias + "/_refresh", null);
        } catch (StorageException e) {
            throw broken("refresh", e);
        }
    }

    @Override
    public void commit(long sequence, String storeId) {
        flush();
        if (!dirty && sequence == committedSequence && storeId.equals(committedStore)) {
            return;
        }
        try {
            cluster().call("PUT", "/" + alias + "/_doc/" + IndexSchema.META_ID, IndexSchema.meta(sequence, storeId));
            committedSequence = sequence;
            committedStore = storeId;
            dirty = false;
        } catch (StorageException e) {
            throw broken("commit", e);
        }
    }

    @Override
    public Rebuild beginRebuild() {
        flush();
        String name = alias + "-" + generation();
        try {
            cluster().check(createIndex(name, false), "PUT", name);
        } catch (StorageException e) {
            throw broken("start rebuilding", e);
        }
        return new Rebuild() {
            private final List<JsonNode> batch = new ArrayList<>();

            @Override
            public void add(Article article) {
                noteTranslations(article);
                batch.add(Cluster.object()
                        .set(
                                "index",
                                Cluster.object()
                                        .put("_index", name)
                                        .put("_id", article.id().value())));
                batch.add(IndexSchema.document(article, german));
                if (batch.size() >= 2 * BATCH) {
                    send();
                }
            }

            private void send() {
                OpenSearchIndexWriter.this.send(batch, "rebuild");
            }

            @Override
            public void swap(long sequence, String storeId) {
                send();
                try {
                    cluster()
                            .call(
                                    "PUT",
                                    "/" + name + "/_doc/" + IndexSchema.META_ID,
                                    IndexSchema.meta(sequence, storeId));
                    cluster().call("POST", "/" + name + "/_refresh", null);
                    List<String> old = indices();
                    ObjectNode actions = Cluster.object();
                    var list = actions.putArray("actions");
                    for (String index : old) {
                        list.addObject().putObject("remove").put("index", index).put("alias", alias);
                    }
                    list.addObject().putObject("add").put("index", name).put("alias", alias);
                    cluster().call("POST", "/_aliases", actions);
                    committedSequence = sequence;
                    committedStore = storeId;
                    dirty = false;
                    for (String index : old) {
                        try {
                            cluster().call("DELETE", "/" + index, null, 404);
                        } catch (StorageException e) {
                            // The alias has moved: a leftover index only takes space until the next rebuild.
                        }
                    }
                } catch (StorageException e) {
                    throw broken("swap in the rebuilt", e);
                }
            }

            @Override
            public void abort() {
                batch.clear();
                try {
                    cluster().send("DELETE", "/" + name, null);
                } catch (RuntimeException e) {
                    // Already failing; a leftover index without the alias is harmless.
                }
            }
        };
    }

    @Override
    public void close() {
        pending.clear();
    }

    @Override
    public String toString() {
        return description;
    }
}
