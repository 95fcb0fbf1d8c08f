package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The one-pass bonus scores what Lucene's own weights for the same clauses score, document by document. */
class BonusScorerTest {
    private static final List<String> WORDS = List.of("drucker", "druckt", "nicht", "update", "treiber", "neu");

    @Test
    void scoresEveryDocumentAsTheClausesOwnWeights_acrossSegmentsAndFields() throws IOException {
        var random = new Random(7);
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setSimilarity(LuceneSearchEngine.SIMILARITY)
                    .setMaxBufferedDocs(53)
                    .setMergePolicy(NoMergePolicy.INSTANCE);
            try (var writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < 300; i++) {
                    var doc = new Document();
                    doc.add(new TextField("title", text(random, 1 + random.nextInt(5)), Field.Store.NO));
                    if (random.nextBoolean()) {
                        doc.add(new TextField("issue", text(random, 1 + random.nextInt(30)), Field.Store.NO));
                    }
                    writer.addDocument(doc);
                }
            }
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                var searcher = new IndexSearcher(reader);
                searcher.setSimilarity(LuceneSearchEngine.SIMILARITY);
                List<Query> bonus = new ArrayList<>();
                bonus.add(new BoostQuery(new TermQuery(new Term("title", "drucker")), 0.5f));
                bonus.add(new TermQuery(new Term("issue", "update")));
                bonus.add(new TermQuery(new Term("issue", "nowhere")));
                bonus.add(new BoostQuery(phrase("title", 1, "drucker", "druckt"), 0.1f));
                bonus.add(new BoostQuery(phrase("issue", 1, "drucker", "druckt"), 0.1f));
                // A gap (a removed stopword) between the words, and a phrase of three.
                bonus.add(new BoostQuery(phrase("issue", 2, "druckt", "nicht"), 0.1f));
                bonus.add(phrase("issue", 1, "treiber", "update", "neu"));
                bonus.add(phrase("issue", 1, "treiber", "nowhere"));

                BonusScorer scorer = BonusScorer.create(searcher, bonus, new TermLookups(searcher.getIndexReader()));
                int matched = 0;
                int phrases = 0;
                for (LeafReaderContext leaf : reader.leaves()) {
                    BonusScorer.Leaf leafScorer = scorer.leaf(leaf);
                    for (int doc = 0; doc < leaf.reader().maxDoc(); doc += 1 + random.nextInt(3)) {
                        double expected = 0;
                        for (Query clause : bonus) {
                            Explanation explanation = searcher.explain(clause, leaf.docBase + doc);
                            if (explanation.isMatch()) {
                                expected += explanation.getValue().floatValue();
                                phrases +=
                                        clause instanceof BoostQuery b && b.getQuery() instanceof PhraseQuery ? 1 : 0;
                            }
                        }
                        matched += expected > 0 ? 1 : 0;
                        assertThat(leafScorer.score(doc))
                                .as("doc %d", leaf.docBase + doc)
                                .isCloseTo(expected, within(1e-6));
                    }
                }
                assertThat(matched).isGreaterThan(50);
                assertThat(phrases).isGreaterThan(20);
            }
        }
    }

    @Test
    void refusesAClauseItCannotScore() {
        var clause = new WildcardQuery(new Term("title", "druck*"));
        assertThatThrownBy(() -> BonusScorer.create(
                        new IndexSearcher(new MultiReader()), List.of(clause), new TermLookups(new MultiReader())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("term or an exact phrase");
    }

    private static PhraseQuery phrase(String field, int gap, String... words) {
        var builder = new PhraseQuery.Builder();
        for (int i = 0; i < words.length; i++) {
            builder.add(new Term(field, words[i]), i * gap);
        }
        return builder.build();
    }

    private static String text(Random random, int words) {
        var text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // Runs of the same word order are likely, so phrases match often.
            String word =
                    random.nextInt(4) == 0 ? WORDS.get(random.nextInt(WORDS.size())) : WORDS.get(i % WORDS.size());
            text.append(word).append(' ');
        }
        return text.toString();
    }
}
