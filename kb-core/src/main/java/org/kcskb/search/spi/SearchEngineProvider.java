package org.kcskb.search.spi;

/**
 * Creates {@link SearchEngine}s; found with {@link java.util.ServiceLoader} when the knowledge base builder is
 * given none. {@code kb-index} registers its Lucene engine this way.
 */
public interface SearchEngineProvider {

    /** Opens an engine over the context's store, catching up on changes it has not seen. */
    SearchEngine open(SearchEngineContext context);
}
