package org.kcskb.search.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;

/**
 * The search side of a knowledge base, implemented by a search module such as {@code kb-index}.
 *
 * <p>An engine is a projection of the {@link org.kcskb.store.ArticleStore}: it follows the store's change feed
 * by itself, and can always be rebuilt from the store. Implementations are thread-safe; calls after
 * {@link #close()} fail with {@link IllegalStateException}.
 */
public interface SearchEngine extends AutoCloseable {

    /**
     * Runs a search. {@code visibility} is what the request's viewer may see and must be enforced inside the
     * engine's query so that no hit, snippet, facet count or total reveals anything else.
     */
    SearchResult search(SearchRequest request, Visibility visibility);

    /** Detects the language of a text, or empty when it cannot be told. */
    Optional<Locale> detectLanguage(String text);

    /**
     * Waits until every store change up to {@code sequence} is searchable.
     *
     * @return whether it became searchable within {@code timeout}
     */
    boolean awaitSearchable(long sequence, Duration timeout);

    /** Returns the sequence number of the newest store change that is searchable. */
    long searchableSequence();

    /** Discards the index and rebuilds it from the store; searches keep working on the old index meanwhile. */
    void rebuild();

    @Override
    void close();
}
