package org.kcskb.opensearch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.search.spi.SearchEngineProvider;

/**
 * The knowledge base's search engine on an OpenSearch cluster (2.x or 3.x, stock: no plugin to install), reached
 * over HTTP with the official Java client. Give it to the knowledge base builder in place of the embedded engine:
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder()
 *         .store(store)
 *         .searchEngine(OpenSearchEngineProvider.builder()
 *                 .url("https://search.example.com:9200")
 *                 .credentials("kb", password)
 *                 .indexPrefix("kb-acme")
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Each knowledge base keeps two indices, each behind an alias: {@code PREFIX-all} with every article and
 * {@code PREFIX-public} with what the anonymous public may see (its own statistics, so that nothing else changes
 * what the public is answered). A rebuild writes a new index and swaps the alias. Several application nodes may
 * follow one store into the same indices: every write carries the store's change sequence as an external version,
 * so an older write never replaces a newer one.
 *
 * <p><b>Many knowledge bases.</b> One provider may open the engines of any number of knowledge bases, each over
 * its own store: their indices are named after the prefix and the store's identity, so they never mix, and they
 * share one HTTP client (its I/O threads and connection pool). Thread-safe; its options are immutable.
 */
public final class OpenSearchEngineProvider implements SearchEngineProvider {
    /** The default index prefix. Give each knowledge base on one cluster a prefix of its own. */
    public static final String DEFAULT_INDEX_PREFIX = "kcskb";

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    private final List<URI> urls;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<SSLContext> sslContext;
    private final String indexPrefix;
    private final Duration requestTimeout;
    private final int shards;
    private final int replicas;

    private OpenSearchEngineProvider(Builder builder) {
        this.urls = List.copyOf(builder.urls);
        this.username = Optional.ofNullable(builder.username);
        this.password = Optional.ofNullable(builder.password);
        this.sslContext = Optional.ofNullable(builder.sslContext);
        this.indexPrefix = builder.indexPrefix;
        this.requestTimeout = builder.requestTimeout;
        this.shards = builder.shards;
        this.replicas = builder.replicas;
    }

    /** Returns a builder; at least one {@link Builder#url URL} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cluster's HTTP addresses the client spreads its requests over. */
    public List<URI> urls() {
        return urls;
    }

    /** The prefix of this knowledge base's index and alias names. */
    public String indexPrefix() {
        return indexPrefix;
    }

    /** How long one request to the cluster may take before it fails. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The number of primary shards of each index created. */
    public int shards() {
        return shards;
    }

    /** The number of replicas of each shard of an index created. */
    public int replicas() {
        return replicas;
    }

    Optional<String> username() {
        return username;
    }

    Optional<String> password() {
        return password;
    }

    Optional<SSLContext> sslContext() {
        return sslContext;
    }

    /** The connection every engine of this provider shares; null while none is open. Guarded by {@code this}. */
    private Cluster shared;

    private int users;

    @Override
    public SearchEngine open(SearchEngineContext context) {
        return new OpenSearchEngine(this, context, acquire());
    }

    /**
     * The provider's connection to the cluster, shared by all its open engines: one HTTP client (its I/O threads
     * and connection pool) however many knowledge bases a host opens with this provider. Closed when the last
     * engine releases it.
     */
    synchronized Cluster acquire() {
        if (shared == null) {
            shared = new Cluster(this);
        }
        users++;
        return shared;
    }

    synchronized void release(Cluster cluster) {
        if (cluster != shared) {
            return;
        }
        if (--users == 0) {
            shared = null;
            cluster.close();
        }
    }

    /**
     * Deletes the indices this provider keeps for the knowledge base over the store with identity {@code storeId}
     * ({@link org.kcskb.store.spi.ArticleStore#storeId()}): for a tenant that is gone, or a test run that is over. Close
     * that knowledge base first; opening it again starts with empty indices and rebuilds them from its store.
     *
     * @throws org.kcskb.StorageException if the cluster does not answer or refuses
     */
    public void deleteIndices(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        String base = indexBase(storeId);
        Cluster cluster = acquire();
        try {
            var names = new ArrayList<String>();
            for (var index : cluster.call("GET", "/_cat/indices/" + base + "-*?format=json&h=index", null)) {
                names.add(index.path("index").asText());
            }
            for (String name : names) {
                cluster.call("DELETE", "/" + name, null, 404);
            }
        } finally {
            release(cluster);
        }
    }

    /** The start of the names of the indices of the knowledge base over the store {@code storeId}. */
    String indexBase(String storeId) {
        return indexPrefix + "-" + storeKey(storeId);
    }

    /** The part of the index names that tells stores apart: each store gets indices of its own. */
    private static String storeKey(String storeId) {
        if (storeId.isEmpty()) {
            return "default";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(storeId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "OpenSearch at " + urls + ", indices " + indexPrefix + "-*"
                + username.map(user -> ", as " + user).orElse("");
    }

    /** Configures an {@link OpenSearchEngineProvider}. Not thread-safe. */
    public static final class Builder {
        private final List<URI> urls = new ArrayList<>();
        private String username;
        private String password;
        private SSLContext sslContext;
        private String indexPrefix = DEFAULT_INDEX_PREFIX;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int shards = 1;
        private int replicas = 1;

        private Builder() {}

        /**
         * Adds an HTTP address of the cluster, such as {@code http://localhost:9200} or {@code https://host:9200};
         * give several nodes' addresses to keep searching when one of them is down.
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "url is not a valid address: '" + url + "'; give one like http://localhost:9200", e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw new IllegalArgumentException("url must be http:// or https:// with a host and a port, was '" + url
                        + "'; give one like http://localhost:9200");
            }
            urls.add(uri);
            return this;
        }

        /** Adds every address of {@code urls}; see {@link #url(String)}. */
        public Builder urls(List<String> urls) {
            urls.forEach(this::url);
            return this;
        }

        /** Signs in with HTTP basic authentication (the security plugin's internal users, for example). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Trusts the cluster's certificates as this context does (for a cluster whose certificate authority the
         * JVM's default trust store lacks); without it, {@code https} addresses use the JVM's defaults.
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Names this knowledge base's indices {@code PREFIX-all-*} and {@code PREFIX-public-*} (default {@value
         * #DEFAULT_INDEX_PREFIX}): lower-case letters, digits, {@code -} and {@code _}, starting with a letter or
         * digit, at most 100 characters. Knowledge bases on one cluster need different prefixes.
         */
        public Builder indexPrefix(String indexPrefix) {
            Objects.requireNonNull(indexPrefix, "indexPrefix");
            if (!PREFIX.matcher(indexPrefix).matches()) {
                throw new IllegalArgumentException("indexPrefix must be lower-case letters, digits, '-' and '_', "
                        + "starting with a letter or digit, at most 100 characters; was '" + indexPrefix + "'");
            }
            this.indexPrefix = indexPrefix;
            return this;
        }

        /** How long one request may take (default 30 s); a rebuild's bulk requests and health waits included. */
        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Shards and replicas of each index this engine creates (default 1 and 1). One shard keeps the term
         * statistics, and so the ranking, exact; a knowledge base of support articles rarely needs more. A replica
         * keeps searches answering when a node is lost.
         */
        public Builder shards(int shards, int replicas) {
            if (shards < 1 || replicas < 0) {
                throw new IllegalArgumentException(
                        "shards must be at least 1 and replicas at least 0, were " + shards + " and " + replicas);
            }
            this.shards = shards;
            this.replicas = replicas;
            return this;
        }

        /** Returns the provider, to pass to {@link org.kcskb.KnowledgeBaseBuilder#searchEngine}. */
        public OpenSearchEngineProvider build() {
            if (urls.isEmpty()) {
                throw new IllegalStateException(
                        "No OpenSearch address: call url(\"http://host:9200\") at least once before build()");
            }
            return new OpenSearchEngineProvider(this);
        }
    }
}
