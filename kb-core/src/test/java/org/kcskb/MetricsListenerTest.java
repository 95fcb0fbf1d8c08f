package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.metrics.IndexStatus;
import org.kcskb.metrics.MetricsListener;
import org.kcskb.metrics.Outcome;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

/** The metrics hook: what the knowledge base reports to a {@link MetricsListener}, and its index status. */
class MetricsListenerTest {
    private static final Actor AGENT = Actor.contributor("agent-1");

    /** Records every call, as "kind outcome figure". */
    private static final class Recording implements MetricsListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Long> nanos = new CopyOnWriteArrayList<>();
        KnowledgeBase opened;

        @Override
        public void opened(KnowledgeBase knowledgeBase) {
            opened = knowledgeBase;
        }

        @Override
        public void search(long nanos, Outcome outcome, long totalHits, boolean relaxed) {
            calls.add("search " + outcome + " " + totalHits + (relaxed ? " relaxed" : ""));
            this.nanos.add(nanos);
        }

        @Override
        public void suggest(long nanos, Outcome outcome, int suggestions) {
            calls.add("suggest " + outcome + " " + suggestions);
            this.nanos.add(nanos);
        }

        @Override
        public void storeCommit(long nanos, Outcome outcome) {
            calls.add("commit " + outcome);
            this.nanos.add(nanos);
        }
    }

    private KnowledgeBase kb;

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    @Test
    void searchesSuggestionsAndCommits_areReportedWithTheirOutcome() {
        var listener = new Recording();
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .metrics(listener)
                .build();
        assertThat(listener.opened).isSameAs(kb);

        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        kb.capture(AGENT, ArticleContent.of("Login fails after password change", "The login page refuses"));
        kb.search(SearchRequest.builder("printer", Viewer.agent(AGENT)).build());
        kb.search(SearchRequest.builder("scanner", Viewer.agent(AGENT)).build());
        kb.search(SearchRequest.builder("logn", Viewer.agent(AGENT)).build());
        int suggested = kb.suggest("prin", Viewer.agent(AGENT), 5).size();
        assertThatThrownBy(() -> kb.suggest("prin", Viewer.agent(AGENT), 0)).isInstanceOf(InvalidInputException.class);

        assertThat(listener.calls)
                .containsExactly(
                        "commit SUCCESS",
                        "commit SUCCESS",
                        "search SUCCESS 1",
                        "search SUCCESS 0",
                        "search SUCCESS 1 relaxed",
                        "suggest SUCCESS " + suggested,
                        "suggest REFUSED 0");
        assertThat(listener.nanos).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void aListenerThatThrows_neverFailsTheCallItObserved() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .metrics(new MetricsListener() {
                    @Override
                    public void search(long nanos, Outcome outcome, long totalHits, boolean relaxed) {
                        throw new IllegalStateException("broken listener");
                    }

                    @Override
                    public void storeCommit(long nanos, Outcome outcome) {
                        throw new IllegalStateException("broken listener");
                    }
                })
                .build();

        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        assertThat(kb.search(SearchRequest.builder("printer", Viewer.agent(AGENT))
                                .build())
                        .totalHits())
                .isEqualTo(1);
    }

    @Test
    void aFailingStoreCommit_isReportedAsFailure() {
        var listener = new Recording();
        var failing = new java.util.concurrent.atomic.AtomicBoolean();
        var store = new org.kcskb.store.spi.ForwardingArticleStore(ArticleStores.inMemory()) {
            @Override
            public long commit(List<org.kcskb.store.spi.Mutation> mutations) {
                if (failing.get()) {
                    throw new StorageException("disk full");
                }
                return super.commit(mutations);
            }
        };
        kb = KnowledgeBase.builder()
                .store(store)
                .withoutSearch()
                .metrics(listener)
                .build();
        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));
        failing.set(true);

        assertThatThrownBy(() -> kb.capture(AGENT, ArticleContent.of("Scanner jams", "The scanner jams")))
                .isInstanceOf(StorageException.class)
                .hasMessage("disk full");
        assertThat(listener.calls).containsExactly("commit SUCCESS", "commit FAILURE");
    }

    @Test
    void indexStatus_withoutSearch_hasNoLag_andNamesNoEngine() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .build();
        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));

        IndexStatus status = kb.indexStatus();
        assertThat(status.engine()).isEqualTo("none");
        assertThat(status.storeSequence()).isPositive();
        assertThat(status.lag()).isZero();
        assertThat(status.indexedArticles()).isEmpty();
    }

    @Test
    void indexStatus_namesTheEngine_andItsSearchableSequence() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .searchEngine(SubstringSearchEngine.provider())
                .build();
        kb.capture(AGENT, ArticleContent.of("Printer offline after update", "The printer shows offline"));

        IndexStatus status = kb.indexStatus();
        assertThat(status.engine()).isEqualTo("substring");
        assertThat(status.searchableSequence()).isEqualTo(status.storeSequence());
        assertThat(new IndexStatus("x", 10, 7, java.util.OptionalLong.empty()).lag())
                .isEqualTo(3);
        assertThat(new IndexStatus("x", 7, 10, java.util.OptionalLong.empty()).lag())
                .isZero();
    }

    @Test
    void metrics_isSetOnce() {
        var builder = KnowledgeBase.builder().metrics(MetricsListener.none());
        assertThatThrownBy(() -> builder.metrics(new Recording()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metrics was already set to MetricsListener.none()");
    }
}
