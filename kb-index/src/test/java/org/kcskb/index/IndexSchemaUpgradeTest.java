package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.search.SearchRequest;

/** An index written with an earlier document layout is rebuilt when the knowledge base opens. */
class IndexSchemaUpgradeTest {
    private static final Actor AUTHOR = Actor.candidate("agent-1");

    @TempDir
    Path directory;

    @Test
    void open_indexOfAnEarlierSchema_isRebuiltAndTakesNewArticles() throws Exception {
        Article old;
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            old = kb.capture(AUTHOR, content("Printer jams on tray two", "Paper jams in tray two."));
            assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        }
        // Schema 1 indexed every text field with offsets: replace the index by one with such a field, committed as
        // schema 1 at the store's sequence (a new index: the article's fields of today's layout would clash with the
        // old options).
        try (var index = FSDirectory.open(directory.resolve("index"))) {
            Map<String, String> commitData =
                    SegmentInfos.readLatestCommit(index).getUserData();
            try (var writer = new IndexWriter(
                    index,
                    new IndexWriterConfig(new StandardAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                var withOffsets = new FieldType();
                withOffsets.setTokenized(true);
                withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
                var stale = new Document();
                stale.add(new StringField(ArticleFields.ID, "KB-999999", Field.Store.YES));
                stale.add(new SortedDocValuesField(ArticleFields.ID, new BytesRef("KB-999999")));
                stale.add(new Field(
                        ArticleFields.field(ArticleFields.TITLE, ArticleFields.ENGLISH), "stale", withOffsets));
                writer.addDocument(stale);
                writer.setLiveCommitData(Map.of(
                                LucenePartitionWriter.SEQUENCE_KEY,
                                commitData.get(LucenePartitionWriter.SEQUENCE_KEY),
                                LucenePartitionWriter.SCHEMA_KEY,
                                "1")
                        .entrySet());
                writer.commit();
            }
        }

        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            Article fresh = kb.capture(AUTHOR, content("Scanner stops after update", "The scanner stops."));
            assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
            assertThat(ids(kb, "printer")).containsExactly(old.id().value());
            assertThat(ids(kb, "scanner")).containsExactly(fresh.id().value());
            assertThat(ids(kb, "stale")).isEmpty();
        }
    }

    private static ArticleContent content(String title, String issue) {
        return ArticleContent.of(title, issue).withLanguage(Locale.ENGLISH);
    }

    private static List<String> ids(KnowledgeBase kb, String text) {
        var request = SearchRequest.builder(text, Viewer.agent(AUTHOR))
                .language(Locale.ENGLISH)
                .build();
        return kb.search(request).hits().stream().map(hit -> hit.id().value()).toList();
    }
}
