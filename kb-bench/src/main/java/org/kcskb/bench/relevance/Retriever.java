package org.kcskb.bench.relevance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One side of the comparison: indexes the corpus once, then ranks corpus ids for query texts.
 *
 * <p>Not thread-safe; the harness uses one retriever from one thread.
 */
interface Retriever extends AutoCloseable {
    /** How many hits are asked for per query: the depth of Recall@100. */
    int DEPTH = Metrics.DEEP_CUTOFF;

    /** Indexes every document and returns once all of them are searchable. */
    void index(List<CorpusDocument> documents);

    /** Returns up to {@link #DEPTH} corpus ids for a query text, best first. */
    List<String> search(String text);

    /**
     * Returns up to {@link #DEPTH} corpus ids for a query in a known language (its data set's {@code lang} field),
     * best first; a retriever that has one language for everything ignores it.
     */
    default List<String> search(String text, Optional<Language> language) {
        return search(text);
    }

    /**
     * Returns up to {@link #DEPTH} corpus ids for a query with the asker's environment (its data set's {@code context}
     * field), best first; a retriever that knows no context ignores it.
     */
    default List<String> search(String text, Optional<Language> language, Map<String, String> context) {
        return search(text, language);
    }

    @Override
    void close();
}
