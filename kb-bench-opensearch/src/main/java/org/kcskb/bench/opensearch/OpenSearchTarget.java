package org.kcskb.bench.opensearch;

import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;

/**
 * One engine on OpenSearch under test in {@link OpenSearchSearchBenchmark}: indexes a corpus into the cluster
 * once, then answers its queries. Not thread-safe for {@link #open}; {@link #search} may be called from several
 * benchmark threads.
 */
interface OpenSearchTarget extends AutoCloseable {
    /** Indexes {@code corpus} into the cluster at {@code url}; returns once all is searchable. */
    void open(String url, BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits);

    /** Runs query number {@code query} of the corpus and returns everything it computed (for the Blackhole). */
    Object search(int query);

    @Override
    void close();

    /** Returns the target for a JMH {@code engine} value. */
    static OpenSearchTarget of(String engine) {
        return switch (engine) {
            case "kb-opensearch" -> new KbOpenSearchTarget();
            case "opensearch" -> new RawOpenSearchTarget();
            default ->
                throw new IllegalArgumentException(
                        "Unknown engine '" + engine + "' in kb-bench-opensearch; valid: kb-opensearch, opensearch");
        };
    }
}
