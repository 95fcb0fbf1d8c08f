package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The per-search term look-ups agree with the reader's own counts, with {@link TermStates#build}'s statistics and
 * with the segments' own postings, across segments, repeated and in any order.
 */
class TermLookupsTest {
    @Test
    void countsAsTheReaderDoes() throws IOException {
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setMaxBufferedDocs(3)
                    .setMergePolicy(NoMergePolicy.INSTANCE);
            List<String> texts = List.of("drucker treiber", "drucker", "konto", "vpn drucker", "treiber", "konto vpn");
            try (var writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < texts.size(); i++) {
                    var doc = new Document();
                    doc.add(new StringField("id", Integer.toString(i), Field.Store.NO));
                    doc.add(new TextField("text", texts.get(i), Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.deleteDocuments(new Term("id", "1"));
            }
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                var lookups = new TermLookups(reader);
                // Out of term order, repeated, and in a field no segment has.
                for (String word : List.of("vpn", "drucker", "absent", "drucker", "konto", "aaa", "treiber")) {
                    Term term = new Term("text", word);
                    assertThat(lookups.docFreq(term)).as(word).isEqualTo(reader.docFreq(term));
                }
                assertThat(lookups.docFreq(new Term("drucker", "text"))).isZero();
                assertThat(lookups.docFreq(new Term("text", "drucker"))).isEqualTo(3);

                var searcher = new IndexSearcher(reader);
                for (String word : List.of("treiber", "absent", "drucker", "vpn", "drucker")) {
                    Term term = new Term("text", word);
                    TermStates expected = TermStates.build(searcher, term, true);
                    TermStates actual = lookups.states(term);
                    assertThat(actual.wasBuiltFor(reader.getContext())).isTrue();
                    assertThat(actual.docFreq()).as(word).isEqualTo(expected.docFreq());
                    assertThat(actual.totalTermFreq()).as(word).isEqualTo(expected.totalTermFreq());
                    for (LeafReaderContext leaf : reader.leaves()) {
                        TermsEnum own = leaf.reader().terms("text").iterator();
                        TermsEnum sought = lookups.seek(leaf, term);
                        if (!own.seekExact(term.bytes())) {
                            assertThat(sought)
                                    .as(word + " in segment " + leaf.ord)
                                    .isNull();
                            continue;
                        }
                        assertThat(sought).as(word + " in segment " + leaf.ord).isNotNull();
                        assertThat(sought.term()).isEqualTo(term.bytes());
                        assertThat(sought.docFreq()).isEqualTo(own.docFreq());
                        assertThat(docs(sought.postings(null, PostingsEnum.FREQS)))
                                .isEqualTo(docs(own.postings(null, PostingsEnum.FREQS)));
                    }
                }
                // A query that scores with the states found here scores as one that looks them up itself.
                Term drucker = new Term("text", "drucker");
                assertThat(searcher.search(lookups.query(drucker), 10).scoreDocs)
                        .usingRecursiveFieldByFieldElementComparator()
                        .containsExactly(searcher.search(new TermQuery(drucker), 10).scoreDocs);
            }
        }
    }

    @Test
    void visibleDocs_countsOnlyLiveDocumentsTheViewerMaySee_upToTheBound() throws IOException {
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setMaxBufferedDocs(4)
                    .setMergePolicy(NoMergePolicy.INSTANCE);
            try (var writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < 12; i++) {
                    var doc = new Document();
                    doc.add(new StringField("id", Integer.toString(i), Field.Store.NO));
                    // Even documents are visible; every document holds "drucker", the first three "geheim".
                    doc.add(new StringField("audience", i % 2 == 0 ? "public" : "internal", Field.Store.NO));
                    doc.add(new TextField("text", "drucker" + (i < 3 ? " geheim" : ""), Field.Store.NO));
                    writer.addDocument(doc);
                }
                // Deleted: a visible one holding "geheim" (0) and one of the last segment (10).
                writer.deleteDocuments(new Term("id", "0"), new Term("id", "10"));
            }
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                var filter = new TermQuery(new Term("audience", "public"));
                var searcher = new IndexSearcher(reader);
                var weight = searcher.createWeight(
                        searcher.rewrite(filter), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1);
                var bits = new FilterBits(1 << 20);
                var lookups = new TermLookups(
                        reader, leaf -> bits.get(leaf, filter, () -> weight).docs());
                Term geheim = new Term("text", "geheim");
                Term drucker = new Term("text", "drucker");
                // Index-wide, deleted documents included: 3 and 12. Visible and live: 1 (id 2) and 4 (2, 4, 6, 8).
                assertThat(lookups.docFreq(geheim)).isEqualTo(3);
                assertThat(lookups.visibleDocs(geheim, 10)).isEqualTo(1);
                assertThat(lookups.visibleDocs(drucker, 1)).isEqualTo(1);
                assertThat(lookups.visibleDocs(drucker, 3)).isEqualTo(3);
                assertThat(lookups.visibleDocs(drucker, 100)).isEqualTo(4);
                assertThat(lookups.visibleDocs(drucker, 2)).isEqualTo(2);
                assertThat(lookups.visibleDocs(new Term("text", "absent"), 5)).isZero();
                // Without a filter: every live document.
                var all = new TermLookups(reader);
                assertThat(all.visibleDocs(drucker, 100)).isEqualTo(10);
                assertThat(all.visibleDocs(geheim, 100)).isEqualTo(2);
            }
        }
    }

    private static List<Integer> docs(PostingsEnum postings) throws IOException {
        var docs = new ArrayList<Integer>();
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            docs.add(doc);
        }
        return docs;
    }
}
