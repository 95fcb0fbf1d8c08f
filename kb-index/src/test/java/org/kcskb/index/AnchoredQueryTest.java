package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kcskb.index.HitAssertions.assertSameScores;
import static org.kcskb.index.HitAssertions.pick;
import static org.kcskb.index.HitAssertions.scores;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The anchored flat query finds and scores what the nested form ("the words required, the backoff optional")
 * does, through Lucene's bulk scoring and through its scorers alike.
 */
class AnchoredQueryTest {
    private static final String TEXT = "text";
    private static final List<String> WORDS = List.of("drucker", "treiber", "update", "konto", "server", "fehler");
    private static final List<String> PREFIXES = List.of("~druck", "~treib", "~updat", "~regis");

    @Test
    void aPrefixAloneNeverMakesAHit() throws IOException {
        try (var directory = new ByteBuffersDirectory()) {
            index(directory, List.of("~regis registerkarte", "~regis registrierungsschlussel server", "server"), 10);
            try (var reader = DirectoryReader.open(directory)) {
                var searcher = new IndexSearcher(reader);
                Query query = anchored(List.of("registrierungsschlussel"), List.of("~regis"));

                assertThat(docs(searcher, query)).containsExactly(1);
                assertThat(searcher.count(query)).isEqualTo(1);
                assertThat(searcher.explain(query, 0).isMatch()).isFalse();
                assertThat(searcher.explain(query, 0).getDescription()).contains("only backoff terms");
                assertThat(searcher.explain(query, 1).isMatch()).isTrue();
            }
        }
    }

    @Test
    void findsAndScoresAsTheNestedForm_inBulkAndAsAScorer_acrossSegments() throws IOException {
        var random = new Random(42);
        var texts = new ArrayList<String>();
        for (int i = 0; i < 600; i++) {
            var text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int w = 0; w < length; w++) {
                List<String> from = random.nextInt(3) == 0 ? PREFIXES : WORDS;
                text.append(from.get(random.nextInt(from.size()))).append(' ');
            }
            texts.add(text.toString());
        }
        try (var directory = new ByteBuffersDirectory()) {
            index(directory, texts, 97);
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                var searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                for (int q = 0; q < 50; q++) {
                    List<String> words = pick(random, WORDS, 1 + random.nextInt(3));
                    List<String> prefixes = pick(random, PREFIXES, 1 + random.nextInt(2));
                    Query anchored = anchored(words, prefixes);
                    Query nested = nested(words, prefixes);
                    Map<Integer, Float> expected = scores(searcher, nested);

                    // Top-level: the flat query's bulk scorer, with the anchor check on what it collects.
                    assertSameScores(scores(searcher, anchored), expected);
                    // Inside a conjunction: the anchored query's scorer, with the check as its second phase.
                    Query conjunction = new BooleanQuery.Builder()
                            .add(anchored, Occur.MUST)
                            .add(new MatchAllDocsQuery(), Occur.FILTER)
                            .build();
                    assertSameScores(scores(searcher, conjunction), expected);
                    assertThat(searcher.count(anchored)).isEqualTo(expected.size());
                }
            }
        }
    }

    @Test
    void needsAnAnchor() {
        assertThatThrownBy(() -> new AnchoredQuery(new MatchAllDocsQuery(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one anchor term");
    }

    @Test
    void equalWhateverTheOrderOfItsAnchors() {
        Query flat = new TermQuery(new Term(TEXT, "drucker"));
        var a = new AnchoredQuery(flat, new LinkedHashSet<>(List.of(term("a"), term("b"))));
        var b = new AnchoredQuery(flat, new LinkedHashSet<>(List.of(term("b"), term("a"))));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    private static Query anchored(List<String> words, List<String> prefixes) {
        var flat = new BooleanQuery.Builder();
        words.forEach(w -> flat.add(new TermQuery(term(w)), Occur.SHOULD));
        prefixes.forEach(p -> flat.add(new BoostQuery(new TermQuery(term(p)), 0.6f), Occur.SHOULD));
        flat.setMinimumNumberShouldMatch(1).add(new TermQuery(new Term("visible", "yes")), Occur.FILTER);
        return new AnchoredQuery(
                flat.build(),
                Set.copyOf(words.stream().map(AnchoredQueryTest::term).toList()));
    }

    private static Query nested(List<String> words, List<String> prefixes) {
        var required = new BooleanQuery.Builder();
        words.forEach(w -> required.add(new TermQuery(term(w)), Occur.SHOULD));
        var query = new BooleanQuery.Builder().add(required.build(), Occur.MUST);
        prefixes.forEach(p -> query.add(new BoostQuery(new TermQuery(term(p)), 0.6f), Occur.SHOULD));
        return query.add(new TermQuery(new Term("visible", "yes")), Occur.FILTER)
                .build();
    }

    private static List<Integer> docs(IndexSearcher searcher, Query query) throws IOException {
        return List.copyOf(scores(searcher, query).keySet());
    }

    private static Term term(String text) {
        return new Term(TEXT, text);
    }

    /** Indexes the texts, every third one invisible, in segments of {@code perSegment} documents. */
    private static void index(ByteBuffersDirectory directory, List<String> texts, int perSegment) throws IOException {
        var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                .setMaxBufferedDocs(perSegment)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try (var writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < texts.size(); i++) {
                var doc = new Document();
                doc.add(new TextField(TEXT, texts.get(i), Field.Store.NO));
                doc.add(new StringField("visible", i % 3 == 2 ? "no" : "yes", Field.Store.NO));
                writer.addDocument(doc);
            }
        }
    }
}
