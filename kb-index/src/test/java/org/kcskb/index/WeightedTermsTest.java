package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;
import org.junit.jupiter.api.Test;

/** The field-weighted text field: frequencies as given, and a length that leaves stacked tokens out. */
class WeightedTermsTest {
    /** As {@link ArticleDocuments} indexes the weighted field: frequencies, no positions. */
    private static FieldType weightedType() {
        var type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    @Test
    void weightedField_hasTheGivenFrequencies_andTheWeightedWordCountAsLength() throws IOException {
        FieldType type = weightedType();
        // "Druckertreiber" in a title (weight 4) with its parts stacked on it, "neu" in the body (weight 2).
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("druckertreib", 4);
        weights.put("druck", 4);
        weights.put("treib", 4);
        weights.put("neu", 2);
        String field = ArticleFields.field(ArticleFields.ALL, ArticleFields.GERMAN);
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new KeywordAnalyzer()).setSimilarity(LuceneSearchEngine.SIMILARITY);
            try (var writer = new IndexWriter(directory, config)) {
                var doc = new Document();
                doc.add(new Field(field, new WeightedTerms(weights, 4 + 2), type));
                writer.addDocument(doc);
            }
            try (var reader = DirectoryReader.open(directory)) {
                LeafReader leaf = reader.leaves().getFirst().reader();
                NumericDocValues norms = leaf.getNormValues(field);
                assertThat(norms.advanceExact(0)).isTrue();
                assertThat(SmallFloat.byte4ToInt((byte) norms.longValue())).isEqualTo(6);
                PostingsEnum postings = leaf.postings(new Term(field, new BytesRef("druck")), PostingsEnum.FREQS);
                assertThat(postings.nextDoc()).isZero();
                assertThat(postings.freq()).isEqualTo(4);
            }
        }
    }

    @Test
    void anEmptyWeightedField_givesANorm_butLeavesTheFieldsStatisticsAlone() throws IOException {
        FieldType type = weightedType();
        String field = ArticleFields.field(ArticleFields.ALL, ArticleFields.GERMAN);
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new KeywordAnalyzer()).setSimilarity(LuceneSearchEngine.SIMILARITY);
            try (var writer = new IndexWriter(directory, config)) {
                var german = new Document();
                german.add(new Field(field, new WeightedTerms(Map.of("drucker", 4), 4), type));
                writer.addDocument(german);
                // An English article: the German field empty.
                var english = new Document();
                english.add(new Field(field, new WeightedTerms(Map.of(), 0), type));
                writer.addDocument(english);
            }
            try (var reader = DirectoryReader.open(directory)) {
                LeafReader leaf = reader.leaves().getFirst().reader();
                NumericDocValues norms = leaf.getNormValues(field);
                assertThat(norms.advanceExact(0)).isTrue();
                assertThat(norms.advanceExact(1)).isTrue();
                assertThat(norms.longValue()).isZero();
                // BM25 reads these: only the German article counts, with its length.
                assertThat(leaf.terms(field).getDocCount()).isEqualTo(1);
                assertThat(leaf.terms(field).getSumTotalTermFreq()).isEqualTo(4);
            }
        }
    }
}
