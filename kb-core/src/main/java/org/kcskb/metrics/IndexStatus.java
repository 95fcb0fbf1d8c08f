package org.kcskb.metrics;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a knowledge base's search index stands against its store, for gauges and health checks: {@link
 * org.kcskb.KnowledgeBase#indexStatus()}. Immutable and thread-safe.
 *
 * @param engine the search engine's {@linkplain org.kcskb.search.spi.SearchEngine#name() short name} ({@code
 *     lucene}, {@code opensearch}, ...; {@code none} without search), for a metric's {@code engine} tag
 * @param storeSequence the sequence number of the store's newest change-feed entry (0 for an empty store)
 * @param searchableSequence the sequence number of the newest change the index has made searchable; equal to
 *     {@code storeSequence} without a search engine (nothing waits to be indexed)
 * @param indexedArticles the articles the index holds (each language version counts once), when the engine
 *     reports it
 */
public record IndexStatus(String engine, long storeSequence, long searchableSequence, OptionalLong indexedArticles) {

    public IndexStatus {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(indexedArticles, "indexedArticles");
    }

    /**
     * The change-feed lag: how many store changes are not yet searchable ({@code storeSequence -
     * searchableSequence}, never negative). It rises with every write and falls back to 0 within the refresh
     * interval; a lag that keeps growing means the index stopped following the store.
     */
    public long lag() {
        return Math.max(0, storeSequence - searchableSequence);
    }
}
