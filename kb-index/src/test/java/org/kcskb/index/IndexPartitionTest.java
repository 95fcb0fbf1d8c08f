package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/** A partition holds, learns and suggests only the articles it admits, as they come and go. */
class IndexPartitionTest {
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ArticleStore store = ArticleStores.inMemory();
    private final KnowledgeBase writes = KnowledgeBase.builder()
            .store(new FaultyStore(store))
            .withoutSearch()
            .build();
    private final IndexPartition publicOnly = IndexPartition.open(
            "public",
            new SearchEngineContext(store, Optional.empty(), Duration.ofMillis(100)),
            Optional.empty(),
            article -> article.audience() == Audience.PUBLIC && article.state() == ArticleState.VALIDATED,
            true);

    @AfterEach
    void close() {
        publicOnly.close();
        writes.close();
        store.close();
    }

    private Article published(String title, Audience audience) {
        var content = ArticleContent.of(title, "The printer stops.")
                .withResolution("Restart the spooler.")
                .withLanguage(Locale.ENGLISH);
        return writes.capture(
                PUBLISHER, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(audience));
    }

    private boolean holds(Article article) throws IOException {
        assertThat(publicOnly.awaitSearchable(store.lastSequence(), WAIT)).isTrue();
        IndexSearcher searcher = publicOnly.acquire();
        try {
            return searcher.count(new TermQuery(
                            new Term(ArticleFields.ID, article.id().value())))
                    > 0;
        } finally {
            publicOnly.release(searcher);
        }
    }

    private boolean suggests(String prefix) {
        var agent = VisibilityPolicy.kcsDefault().visibleTo(Viewer.agent(PUBLISHER), false);
        return !publicOnly.suggestions().suggest(prefix, agent, 10).isEmpty();
    }

    @Test
    void partition_holdsAndSuggestsOnlyWhatItAdmits_asArticlesComeAndGo() throws IOException {
        Article open = published("Toner smears on every page", Audience.PUBLIC);
        Article internal = published("Zebracode firmware rollback", Audience.INTERNAL);

        assertThat(holds(open)).isTrue();
        assertThat(holds(internal)).isFalse();
        assertThat(suggests("toner")).isTrue();
        assertThat(suggests("zebracode")).isFalse();

        // Published to the public: admitted; withdrawn again: gone, title and all.
        Article published = writes.publish(PUBLISHER, internal.id(), internal.revision(), Audience.PUBLIC);
        assertThat(holds(internal)).isTrue();
        assertThat(suggests("zebracode")).isTrue();
        writes.publish(PUBLISHER, internal.id(), published.revision(), Audience.INTERNAL);
        assertThat(holds(internal)).isFalse();
        assertThat(suggests("zebracode")).isFalse();

        publicOnly.rebuild();
        assertThat(holds(open)).isTrue();
        assertThat(holds(internal)).isFalse();
        assertThat(suggests("zebracode")).isFalse();
    }

    @Test
    void anArticleThatLeaves_leavesNoDeletedDocument_andNoWordInTheVocabulary_beforeSearchesMissIt()
            throws IOException {
        published("Toner smears on every page", Audience.PUBLIC);
        published("Paper jams in tray two", Audience.PUBLIC);
        publicOnly.rebuild();
        var content = ArticleContent.of("Zebrafirmware blockiert den Drucker", "Der Drucker startet nicht.")
                .withResolution("Die Zebrafirmware zurücksetzen.")
                .withLanguage(Locale.GERMAN);
        Article german = writes.capture(
                PUBLISHER, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
        assertThat(holds(german)).isTrue();
        assertThat(publicOnly.analysis().vocabulary().snapshot().frequency("zebrafirmware"))
                .isPositive();

        // A change of an article the partition never held, then the German one withdrawn from the public.
        published("Zebracode firmware rollback", Audience.INTERNAL);
        writes.publish(PUBLISHER, german.id(), german.revision(), Audience.INTERNAL);
        assertThat(holds(german)).isFalse();
        IndexSearcher searcher = publicOnly.acquire();
        try {
            // A deleted document counts in the statistics until merged away: it must be gone by now.
            assertThat(searcher.getIndexReader().numDeletedDocs()).isZero();
            assertThat(searcher.getIndexReader().maxDoc()).isEqualTo(2);
        } finally {
            publicOnly.release(searcher);
        }
        assertThat(publicOnly.analysis().vocabulary().snapshot().frequency("zebrafirmware"))
                .as("what the withdrawn article taught the public vocabulary")
                .isZero();
    }
}
