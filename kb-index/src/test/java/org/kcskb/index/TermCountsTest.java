package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
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
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The per-search term counts agree with the reader's own, across segments, repeated and in any order. */
class TermCountsTest {
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
                var counts = new TermCounts(reader);
                // Out of term order, repeated, and in a field no segment has.
                for (String word : List.of("vpn", "drucker", "absent", "drucker", "konto", "aaa", "treiber")) {
                    Term term = new Term("text", word);
                    assertThat(counts.docFreq(term)).as(word).isEqualTo(reader.docFreq(term));
                }
                assertThat(counts.docFreq(new Term("drucker", "text"))).isZero();
                assertThat(counts.docFreq(new Term("text", "drucker"))).isEqualTo(3);
            }
        }
    }
}
