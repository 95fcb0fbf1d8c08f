package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lean collector returns what Lucene's field collector returns for the sort (score, article id): the same
 * hits in the same order, with ties (many documents of the same text) across segments, paging after a hit, and
 * hit counts exact up to the threshold.
 */
class TopHitsTest {
    private static final Sort SORT =
            new Sort(SortField.FIELD_SCORE, new SortField(ArticleFields.ID, SortField.Type.STRING));
    private static final List<String> WORDS = List.of("drucker", "treiber", "update", "konto");
    /** Every hit carries its id, as Lucene's collector gives it. */
    private static final IntPredicate EVERY_RANK = rank -> true;

    /** With segments in doc id order by article id (as the library writes them) and without (any other index). */
    @ParameterizedTest(name = "sorted by id: {0}")
    @ValueSource(booleans = {false, true})
    void keepsTheHitsOfLucenesFieldCollector_withTiesAcrossSegments_pagingAndThresholds(boolean sortedById)
            throws IOException {
        var random = new Random(11);
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setMaxBufferedDocs(37)
                    .setMergePolicy(NoMergePolicy.INSTANCE);
            if (sortedById) {
                config.setIndexSort(TopHits.INDEX_SORT);
            }
            var ids = new ArrayList<String>();
            for (int i = 0; i < 400; i++) {
                ids.add(String.format("KB-%05d", i));
            }
            Collections.shuffle(ids, random);
            try (var writer = new IndexWriter(directory, config)) {
                for (String id : ids) {
                    var doc = new Document();
                    doc.add(new SortedDocValuesField(ArticleFields.ID, new BytesRef(id)));
                    // Few distinct texts: most scores tie with many others.
                    var text = new StringBuilder();
                    for (int w = 0, n = 1 + random.nextInt(3); w < n; w++) {
                        text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                    }
                    doc.add(new TextField("text", text.toString(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (var reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSizeGreaterThan(5);
                assertThat(reader.leaves().getFirst().reader().getMetaData().sort())
                        .isEqualTo(sortedById ? TopHits.INDEX_SORT : null);
                var searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                Query query = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("text", "drucker")), Occur.SHOULD)
                        .add(new TermQuery(new Term("text", "update")), Occur.SHOULD)
                        .build();
                int matches = searcher.count(query);
                for (int depth : new int[] {1, 3, 12, 50, 1_000}) {
                    for (int threshold : new int[] {0, 10, 1_000}) {
                        TopFieldDocs expected =
                                searcher.search(query, new TopFieldCollectorManager(SORT, depth, null, threshold));
                        TopFieldDocs actual = searcher.search(query, new TopHits(depth, null, threshold, EVERY_RANK));
                        assertSameHits(actual, expected, threshold >= matches);

                        // Ids only at the ranks asked for; the order and the rest of each hit unchanged.
                        TopFieldDocs sparse = searcher.search(
                                query, new TopHits(depth, null, threshold, rank -> rank < 2 || rank == depth - 1));
                        assertThat(sparse.scoreDocs).hasSameSizeAs(actual.scoreDocs);
                        for (int rank = 0; rank < sparse.scoreDocs.length; rank++) {
                            var hit = (FieldDoc) sparse.scoreDocs[rank];
                            var full = (FieldDoc) actual.scoreDocs[rank];
                            assertThat(hit.doc).isEqualTo(full.doc);
                            assertThat(hit.fields[0]).isEqualTo(full.fields[0]);
                            assertThat(hit.fields[1]).isEqualTo(rank < 2 || rank == depth - 1 ? full.fields[1] : null);
                        }

                        // Page after a hit in the middle, which ties with others.
                        if (expected.scoreDocs.length > 1) {
                            var after = (FieldDoc) expected.scoreDocs[expected.scoreDocs.length / 2];
                            assertSameHits(
                                    searcher.search(query, new TopHits(depth, after, threshold, EVERY_RANK)),
                                    searcher.search(query, new TopFieldCollectorManager(SORT, depth, after, threshold)),
                                    threshold >= matches);
                        }
                    }
                }
            }
        }
    }

    /**
     * In a segment in id order, documents that tie with the weakest kept hit of the same segment cannot enter, so
     * the scorer skips them once the count passes the threshold; otherwise each of them is collected to compare ids.
     */
    @ParameterizedTest(name = "sorted by id: {0}")
    @ValueSource(booleans = {false, true})
    void tiesWithTheWeakestHitOfTheSameSegment_areSkippedOnlyInIdOrder(boolean sortedById) throws IOException {
        int documents = 2_000;
        try (var directory = new ByteBuffersDirectory()) {
            var config = new IndexWriterConfig(new WhitespaceAnalyzer());
            if (sortedById) {
                config.setIndexSort(TopHits.INDEX_SORT);
            }
            try (var writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < documents; i++) {
                    var doc = new Document();
                    doc.add(new SortedDocValuesField(ArticleFields.ID, new BytesRef(String.format("KB-%05d", i))));
                    doc.add(new TextField("text", "drucker", Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            try (var reader = DirectoryReader.open(directory)) {
                var searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                Query query = new TermQuery(new Term("text", "drucker"));
                TopFieldDocs top = searcher.search(query, new TopHits(10, null, 0, EVERY_RANK));

                assertThat(describe(top.scoreDocs))
                        .isEqualTo(describe(
                                searcher.search(query, new TopFieldCollectorManager(SORT, 10, null, 0)).scoreDocs));
                if (sortedById) {
                    // Skipped by blocks of postings: far fewer than all were collected.
                    assertThat(top.totalHits.relation()).isEqualTo(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO);
                    assertThat(top.totalHits.value()).isLessThan(documents / 4);
                } else {
                    assertThat(top.totalHits.value()).isEqualTo(documents);
                }
            }
        }
    }

    private static void assertSameHits(TopFieldDocs actual, TopFieldDocs expected, boolean exactCount) {
        assertThat(describe(actual.scoreDocs)).isEqualTo(describe(expected.scoreDocs));
        if (exactCount) {
            assertThat(actual.totalHits).isEqualTo(expected.totalHits);
            assertThat(actual.totalHits.relation()).isEqualTo(TotalHits.Relation.EQUAL_TO);
        } else {
            // Both skip what cannot compete once the threshold is passed; where each starts may differ by a hit.
            assertThat(actual.totalHits.value()).isGreaterThanOrEqualTo(actual.scoreDocs.length);
        }
    }

    private static List<String> describe(ScoreDoc[] hits) {
        return Arrays.stream(hits)
                .map(hit -> {
                    Object[] fields = ((FieldDoc) hit).fields;
                    return hit.doc + " " + fields[0] + " " + ((BytesRef) fields[1]).utf8ToString();
                })
                .toList();
    }
}
