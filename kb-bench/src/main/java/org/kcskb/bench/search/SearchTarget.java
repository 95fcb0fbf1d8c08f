package org.kcskb.bench.search;

import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;

/**
 * One engine under test in {@link SearchBenchmark}: indexes a corpus once, then answers its queries.
 *
 * <p>Not thread-safe for {@link #open}; {@link #search} may be called from several benchmark threads.
 */
interface SearchTarget extends AutoCloseable {
    /** Indexes {@code corpus} and prepares its queries for {@code workload}; returns once all is searchable. */
    void open(BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits);

    /** Runs query number {@code query} of the corpus and returns everything it computed (for the Blackhole). */
    Object search(int query);

    @Override
    void close();

    /** Returns the target for a JMH {@code engine} value. */
    static SearchTarget of(String engine) {
        return switch (engine) {
            case "kb" -> new KbSearchTarget();
            case "lucene" -> new LuceneSearchTarget();
            default ->
                throw new IllegalArgumentException("Unknown engine '" + engine + "' in kb-bench; valid: kb, lucene"
                        + " (solr runs from kb-bench-solr.jar, kb-opensearch and opensearch from kb-bench-opensearch.jar,"
                        + " or all of them with: kb-bench.jar compare)");
        };
    }
}
