package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.kcskb.article.ArticleState;
import org.kcskb.search.spi.KcsPrior;

/**
 * The prior-boosted query scores like {@code FunctionScoreQuery.boostByValue}, and letting the collector skip
 * documents (which it passes on to the text query, scaled by the largest prior) never changes the top hits. Each
 * repetition prints its seed; rerun one with {@code -Dkb.test.seed=N}.
 */
class KcsPriorsTest {
    private static final List<String> WORDS =
            List.of("printer", "driver", "network", "password", "vpn", "invoice", "error", "login", "queue", "scan");
    private static final long NOW = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    private final KcsPriors priors = new KcsPriors(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void maxPrior_boundsEveryPrior() {
        for (ArticleState state : ArticleState.values()) {
            for (long reuse : new long[] {0, 1, 1_000, Long.MAX_VALUE / 2}) {
                for (long helpful : new long[] {0, 10, Integer.MAX_VALUE}) {
                    double prior = KcsPrior.signalPrior(state, reuse, helpful, 0, 0) * KcsPrior.freshness(0);
                    assertThat(prior).isLessThanOrEqualTo(KcsPriors.MAX_PRIOR).isPositive();
                }
            }
        }
    }

    @RepeatedTest(5)
    void boost_withSkipping_findsTheSameTopHitsAsScoringEveryMatch(RepetitionInfo repetition) throws IOException {
        long seed = Long.getLong("kb.test.seed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("KcsPriorsTest seed: " + seed);
        var random = new Random(seed);
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer()).setMaxBufferedDocs(500 + random.nextInt(500));
            try (var writer = new IndexWriter(directory, config)) {
                int documents = 2_000 + random.nextInt(3_000);
                for (int i = 0; i < documents; i++) {
                    writer.addDocument(document(random));
                }
            }
            try (var reader = DirectoryReader.open(directory)) {
                var searcher = new IndexSearcher(reader);
                for (int q = 0; q < 20; q++) {
                    Query text = query(random);
                    int k = 1 + random.nextInt(20);
                    // Scoring every match is the reference; the default threshold lets the collector skip.
                    TopDocs expected = searcher.search(
                            FunctionScoreQuery.boostByValue(text, priors),
                            new TopScoreDocCollectorManager(k, Integer.MAX_VALUE));
                    TopDocs actual = searcher.search(priors.boost(text), new TopScoreDocCollectorManager(k, k));
                    assertThat(hits(actual)).as("top %d of %s", k, text).isEqualTo(hits(expected));
                    for (ScoreDoc hit : actual.scoreDocs) {
                        assertThat(searcher.explain(priors.boost(text), hit.doc)
                                        .getValue()
                                        .floatValue())
                                .as("explained score of doc %d", hit.doc)
                                .isCloseTo(hit.score, within(hit.score * 1e-5f));
                    }
                }
            }
        }
    }

    private static List<String> hits(TopDocs docs) {
        var hits = new ArrayList<String>();
        for (ScoreDoc hit : docs.scoreDocs) {
            hits.add(hit.doc + ":" + hit.score);
        }
        return hits;
    }

    private static Document document(Random random) {
        var text = new StringBuilder();
        int words = 3 + random.nextInt(30);
        for (int i = 0; i < words; i++) {
            // Skewed, so that some words are frequent and some rare, as in real text.
            text.append(WORDS.get((int) Math.floor(Math.pow(random.nextDouble(), 2) * WORDS.size())))
                    .append(' ');
        }
        var doc = new Document();
        doc.add(new TextField("text", text.toString(), Field.Store.NO));
        ArticleState state = ArticleState.values()[random.nextInt(ArticleState.values().length)];
        long reuse = random.nextInt(10) == 0 ? random.nextInt(500) : 0;
        long helpful = random.nextInt(50);
        long unhelpful = random.nextInt(50);
        long flags = random.nextInt(20) == 0 ? 1 : 0;
        doc.add(new NumericDocValuesField(
                KcsPriors.SIGNAL_PRIOR,
                Double.doubleToLongBits(KcsPrior.signalPrior(state, reuse, helpful, unhelpful, flags))));
        doc.add(new NumericDocValuesField(
                ArticleFields.MODIFIED, NOW - (long) (random.nextDouble() * 3 * YEAR_MILLIS)));
        return doc;
    }

    private static Query query(Random random) {
        var query = new BooleanQuery.Builder();
        int terms = 1 + random.nextInt(4);
        for (int i = 0; i < terms; i++) {
            query.add(new TermQuery(new Term("text", WORDS.get(random.nextInt(WORDS.size())))), Occur.SHOULD);
        }
        if (random.nextBoolean()) {
            // The shape of a search: the text clauses and the filters in one query, at least one text clause.
            query.add(new TermQuery(new Term("text", WORDS.get(random.nextInt(WORDS.size())))), Occur.FILTER);
            query.setMinimumNumberShouldMatch(1);
        }
        return query.build();
    }
}
