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

    private static List<Integer> docs(PostingsEnum postings) throws IOException {
        var docs = new ArrayList<Integer>();
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            docs.add(doc);
        }
        return docs;
    }
}
