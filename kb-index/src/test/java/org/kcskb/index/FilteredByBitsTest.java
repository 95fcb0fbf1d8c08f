package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.kcskb.index.HitAssertions.assertSameScores;
import static org.kcskb.index.HitAssertions.pick;
import static org.kcskb.index.HitAssertions.scores;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * A query filtered by cached bits finds, scores and counts what the same query with the filter as a required
 * clause does: dense filters (the accepted documents of the query's bulk scorer) and sparse ones (leading a
 * conjunction), top-level and inside a conjunction, across segments with deleted documents.
 */
class FilteredByBitsTest {
    private static final String TEXT = "text";
    private static final List<String> WORDS =
            List.of("drucker", "treiber", "update", "konto", "server", "fehler", "vpn", "lizenz");

    @Test
    void findsScoresAndCountsAsTheFilterClause_denseAndSparse() throws IOException {
        var random = new Random(7);
        try (var directory = new ByteBuffersDirectory()) {
            index(directory, random, 1_500, 211);
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                assertThat(reader.hasDeletions()).isTrue();
                var searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                var bits = new FilterBits(FilterBits.DEFAULT_MAX_BYTES);
                List<Query> filters = List.of(
                        group("a"), // a third: dense
                        new BooleanQuery.Builder()
                                .add(group("a"), Occur.SHOULD)
                                .add(group("b"), Occur.SHOULD)
                                .build(), // two thirds
                        tag("rare"), // one in 40: sparse
                        new TermQuery(new Term("group", "none"))); // nothing
                for (int q = 0; q < 40; q++) {
                    Query text = disjunction(pick(random, WORDS, 1 + random.nextInt(4)));
                    for (Query filter : filters) {
                        Query expected = new BooleanQuery.Builder()
                                .add(text, Occur.MUST)
                                .add(filter, Occur.FILTER)
                                .build();
                        Query actual = new FilteredByBits(text, filter, bits);

                        assertSameScores(scores(searcher, actual), scores(searcher, expected));
                        assertThat(searcher.count(actual)).isEqualTo(searcher.count(expected));
                        // Top 10 with skipping: the collector raises the minimum competitive score.
                        assertSameTop(top(searcher, actual), top(searcher, expected));
                        // As a scorer inside a conjunction.
                        Query conjunction = new BooleanQuery.Builder()
                                .add(actual, Occur.MUST)
                                .add(new MatchAllDocsQuery(), Occur.FILTER)
                                .build();
                        assertSameScores(scores(searcher, conjunction), scores(searcher, expected));
                    }
                }
                int doc =
                        searcher.search(new FilteredByBits(disjunction(WORDS), tag("rare"), bits), 1).scoreDocs[0].doc;
                assertThat(searcher.explain(new FilteredByBits(disjunction(WORDS), tag("rare"), bits), doc)
                                .isMatch())
                        .isTrue();
                int outside = searcher.search(
                                new BooleanQuery.Builder()
                                        .add(disjunction(WORDS), Occur.MUST)
                                        .add(tag("rare"), Occur.MUST_NOT)
                                        .build(),
                                1)
                        .scoreDocs[0]
                        .doc;
                assertThat(searcher.explain(new FilteredByBits(disjunction(WORDS), tag("rare"), bits), outside)
                                .getDescription())
                        .contains("not matched by the filter");
            }
        }
    }

    @Test
    void cachesOneBitSetPerSegmentAndFilter_andDropsThemWithTheSegment() throws IOException {
        var random = new Random(11);
        try (var directory = new ByteBuffersDirectory()) {
            index(directory, random, 400, 100);
            var bits = new FilterBits(FilterBits.DEFAULT_MAX_BYTES);
            Query text = disjunction(WORDS);
            DirectoryReader reader = DirectoryReader.open(directory);
            int segments = reader.leaves().size();
            var searcher = new IndexSearcher(reader);
            searcher.search(new FilteredByBits(text, group("a"), bits), 10);
            searcher.search(new FilteredByBits(disjunction(List.of("vpn")), group("a"), bits), 10);
            assertThat(bits.size()).isEqualTo(segments);
            searcher.search(new FilteredByBits(text, group("b"), bits), 10);
            assertThat(bits.size()).isEqualTo(2L * segments);

            try (var writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
                writer.forceMerge(1);
            }
            DirectoryReader merged = DirectoryReader.openIfChanged(reader);
            reader.close();
            assertThat(bits.size()).isZero();
            try (merged) {
                new IndexSearcher(merged).search(new FilteredByBits(text, group("a"), bits), 10);
                assertThat(bits.size()).isEqualTo(1);
            }
        }
    }

    private static Query group(String value) {
        return new TermQuery(new Term("group", value));
    }

    private static Query tag(String value) {
        return new TermQuery(new Term("tag", value));
    }

    private static Query disjunction(List<String> words) {
        var query = new BooleanQuery.Builder();
        words.forEach(w -> query.add(new TermQuery(new Term(TEXT, w)), Occur.SHOULD));
        return query.build();
    }

    private static TopDocs top(IndexSearcher searcher, Query query) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(10, 10));
    }

    /** The same best scores (documents may trade places only where their scores tie). */
    private static void assertSameTop(TopDocs actual, TopDocs expected) {
        assertThat(actual.scoreDocs).hasSameSizeAs(expected.scoreDocs);
        for (int i = 0; i < expected.scoreDocs.length; i++) {
            assertThat(actual.scoreDocs[i].score).isCloseTo(expected.scoreDocs[i].score, within(1e-5f));
        }
    }

    /**
     * Indexes random texts in segments of {@code perSegment} documents: each in group a, b or c, one in 40 tagged
     * rare, and one in 7 deleted afterwards.
     */
    private static void index(ByteBuffersDirectory directory, Random random, int count, int perSegment)
            throws IOException {
        var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                .setMaxBufferedDocs(perSegment)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try (var writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < count; i++) {
                var text = new StringBuilder();
                int length = 1 + random.nextInt(10);
                for (int w = 0; w < length; w++) {
                    text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                }
                var doc = new Document();
                doc.add(new StringField("id", Integer.toString(i), Field.Store.NO));
                doc.add(new TextField(TEXT, text.toString(), Field.Store.NO));
                doc.add(new StringField("group", List.of("a", "b", "c").get(i % 3), Field.Store.NO));
                if (i % 40 == 0) {
                    doc.add(new StringField("tag", "rare", Field.Store.NO));
                }
                writer.addDocument(doc);
            }
            for (int i = 0; i < count; i += 7) {
                writer.deleteDocuments(new Term("id", Integer.toString(i)));
            }
        }
    }
}
