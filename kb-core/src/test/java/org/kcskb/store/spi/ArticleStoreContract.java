package org.kcskb.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.AuditEntry;
import org.kcskb.NotFoundException;
import org.kcskb.RevisionConflictException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionField;
import org.kcskb.article.RevisionKind;
import org.kcskb.article.Signals;
import org.kcskb.article.TextFormat;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The contract every {@link ArticleStore} must meet. A host that implements the SPI over its own database
 * extends this class (from the {@code kb-core} test-jar) and implements {@link #newStore()}.
 *
 * <p>The {@code analytics_*} tests check the {@link AnalyticsStore} side of a store that implements it, and are
 * skipped for one that does not.
 *
 * <p>Instants are compared exactly, at microsecond precision: a store must keep at least microseconds.
 */
public abstract class ArticleStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    protected static final Actor AGENT = Actor.contributor("agent-7");

    protected ArticleStore store;

    /** Returns a new, empty store. Called before every test; the store is closed after it. */
    protected abstract ArticleStore newStore();

    /**
     * Closes {@code store} and opens the same data again, for persistent stores; the default returns empty,
     * which skips the persistence checks.
     */
    protected Optional<ArticleStore> reopen(ArticleStore store) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    public static ArticleContent content(String title) {
        return new ArticleContent(
                title,
                "Seit dem Update druckt der Drucker nicht mehr.\nFehler 0x0000011b – Straße, Größe, naïve café",
                new Environment(Map.of("product", "Acme Print", "version", "4.2"), "Windows 11 23H2"),
                "Treiber neu installieren.",
                "Inkompatibler Treiber",
                Locale.GERMAN,
                Set.of("drucker", "windows"));
    }

    public static Revision revision(ArticleId id, int number, ArticleContent content) {
        return new Revision(
                id,
                number,
                content,
                ArticleState.NOT_VALIDATED,
                Audience.INTERNAL,
                Optional.empty(),
                AGENT,
                T0.plusSeconds(number),
                number == 1 ? RevisionKind.CAPTURED : RevisionKind.REVISED,
                "note " + number);
    }

    protected ArticleId create(String title) {
        ArticleId id = store.allocateId();
        store.commit(List.of(new Mutation.AppendRevision(revision(id, 1, content(title)))));
        return id;
    }

    private static CaseLink link(ArticleId id, String caseId) {
        return new CaseLink(id, CaseId.of(caseId), LinkType.RESOLUTION, 1, "agent-7", T0);
    }

    @Test
    void allocateId_neverRepeats() {
        var ids = new java.util.HashSet<ArticleId>();
        for (int i = 0; i < 50; i++) {
            assertThat(ids.add(store.allocateId())).isTrue();
        }
    }

    @Test
    void commit_firstRevision_createsArticleThatRoundTripsExactly() {
        ArticleId id = store.allocateId();
        Revision first = revision(id, 1, content("Drucker druckt nicht"));
        store.commit(List.of(new Mutation.AppendRevision(first)));

        var article = store.article(id).orElseThrow();
        assertThat(article.revision()).isEqualTo(1);
        assertThat(article.content()).isEqualTo(first.content());
        assertThat(article.state()).isEqualTo(ArticleState.NOT_VALIDATED);
        assertThat(article.audience()).isEqualTo(Audience.INTERNAL);
        assertThat(article.author()).isEqualTo("agent-7");
        assertThat(article.created()).isEqualTo(first.at());
        assertThat(article.signals()).isEqualTo(Signals.none());
        assertThat(store.revisions(id)).containsExactly(first);
        assertThat(store.revision(id, 1)).contains(first);
        assertThat(store.revision(id, 2)).isEmpty();
    }

    @Test
    void article_unknownId_isEmpty() {
        assertThat(store.article(ArticleId.of("KB-404"))).isEmpty();
        assertThat(store.revisions(ArticleId.of("KB-404"))).isEmpty();
    }

    @Test
    void commit_nextRevision_becomesCurrentAndKeepsHistory() {
        ArticleId id = create("Drucker druckt nicht");
        var second = new Revision(
                id,
                2,
                content("Drucker druckt nicht mehr").withResolution("Neuer Treiber 5.1"),
                ArticleState.VALIDATED,
                Audience.PUBLIC,
                Optional.of(ArticleId.of("KB-9")),
                Actor.publisher("pub-1"),
                T0.plusSeconds(60),
                RevisionKind.REVISED,
                "");
        store.commit(List.of(new Mutation.AppendRevision(second)));

        var article = store.article(id).orElseThrow();
        assertThat(article.revision()).isEqualTo(2);
        assertThat(article.title()).isEqualTo("Drucker druckt nicht mehr");
        assertThat(article.state()).isEqualTo(ArticleState.VALIDATED);
        assertThat(article.audience()).isEqualTo(Audience.PUBLIC);
        assertThat(article.mergedInto()).contains(ArticleId.of("KB-9"));
        assertThat(article.author()).isEqualTo("agent-7");
        assertThat(article.modifiedBy()).isEqualTo("pub-1");
        assertThat(article.modified()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.revisions(id)).extracting(Revision::number).containsExactly(1, 2);
        assertThat(store.revision(id, 2)).contains(second);
    }

    @Test
    void commit_staleRevision_conflictsAndChangesNothing() {
        ArticleId id = create("Original");
        store.commit(List.of(new Mutation.AppendRevision(revision(id, 2, content("Second")))));
        long sequence = store.lastSequence();

        assertThatThrownBy(() -> store.commit(List.of(new Mutation.AppendRevision(revision(id, 2, content("Lost"))))))
                .isInstanceOfSatisfying(RevisionConflictException.class, e -> {
                    assertThat(e.articleId()).isEqualTo(id);
                    assertThat(e.currentRevision()).isEqualTo(2);
                });
        assertThat(store.article(id).orElseThrow().title()).isEqualTo("Second");
        assertThat(store.lastSequence()).isEqualTo(sequence);
    }

    @Test
    void commit_revisionFromTheFuture_conflicts() {
        ArticleId id = create("Original");
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.AppendRevision(revision(id, 5, content("X"))))))
                .isInstanceOfSatisfying(RevisionConflictException.class, e -> assertThat(e.currentRevision())
                        .isEqualTo(1));
    }

    @Test
    void commit_firstRevisionOfExistingArticle_conflicts() {
        ArticleId id = create("Original");
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.AppendRevision(revision(id, 1, content("X"))))))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(store.revisions(id)).hasSize(1);
    }

    @Test
    void commit_laterRevisionOfMissingArticle_isNotFound() {
        assertThatThrownBy(() -> store.commit(
                        List.of(new Mutation.AppendRevision(revision(ArticleId.of("KB-404"), 2, content("X"))))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void commit_isAtomic_aFailingMutationUndoesEarlierOnes() {
        ArticleId existing = create("Existing");
        ArticleId fresh = store.allocateId();
        long sequence = store.lastSequence();

        assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.AppendRevision(revision(fresh, 1, content("Fresh"))),
                        new Mutation.PutLink(link(existing, "CASE-1")),
                        new Mutation.PutLink(link(ArticleId.of("KB-404"), "CASE-2")))))
                .isInstanceOf(NotFoundException.class);

        assertThat(store.article(fresh)).isEmpty();
        assertThat(store.links(existing)).isEmpty();
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(store.changesAfter(sequence, 10)).isEmpty();
    }

    @Test
    void links_putReplaceRemove_maintainReuseCount() {
        ArticleId id = create("Article");
        store.commit(List.of(new Mutation.PutLink(link(id, "CASE-1"))));
        store.commit(List.of(new Mutation.PutLink(link(id, "CASE-2"))));
        assertThat(store.article(id).orElseThrow().signals().reuseCount()).isEqualTo(2);

        var replaced = new CaseLink(id, CaseId.of("CASE-1"), LinkType.REFERENCE, 1, "agent-8", T0.plusSeconds(5));
        store.commit(List.of(new Mutation.PutLink(replaced)));
        assertThat(store.links(id)).hasSize(2).contains(replaced);
        assertThat(store.linksOfCase(CaseId.of("CASE-1"))).containsExactly(replaced);

        store.commit(List.of(new Mutation.RemoveLink(id, CaseId.of("CASE-2"))));
        assertThat(store.links(id)).containsExactly(replaced);
        assertThat(store.article(id).orElseThrow().signals().reuseCount()).isEqualTo(1);
    }

    @Test
    void removeLink_withoutLink_isNotFound() {
        ArticleId id = create("Article");
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.RemoveLink(id, CaseId.of("CASE-9")))))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("link"));
    }

    @Test
    void linksOfCase_spanArticles() {
        ArticleId a = create("A");
        ArticleId b = create("B");
        store.commit(List.of(new Mutation.PutLink(link(a, "CASE-1")), new Mutation.PutLink(link(b, "CASE-1"))));
        assertThat(store.linksOfCase(CaseId.of("CASE-1")))
                .extracting(CaseLink::articleId)
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void moveLinks_movesEveryLinkAndKeepsTheTargetsOwn() {
        ArticleId duplicate = create("Duplicate");
        ArticleId survivor = create("Survivor");
        store.commit(List.of(
                new Mutation.PutLink(link(duplicate, "CASE-1")),
                new Mutation.PutLink(link(duplicate, "CASE-2")),
                new Mutation.PutLink(link(survivor, "CASE-2"))));

        store.commit(List.of(new Mutation.MoveLinks(duplicate, survivor)));

        assertThat(store.links(duplicate)).isEmpty();
        assertThat(store.links(survivor))
                .extracting(l -> l.caseId().value())
                .containsExactlyInAnyOrder("CASE-1", "CASE-2");
        assertThat(store.links(survivor)).allMatch(l -> l.articleId().equals(survivor));
    }

    @Test
    void flags_putAndResolve_countOpenFlags() {
        ArticleId id = create("Article");
        var flag = new Flag("f-1", id, FlagReason.OUTDATED, "Version 5 fehlt", "agent-7", T0, Optional.empty());
        var other = new Flag("f-2", id, FlagReason.UNCLEAR, "", "agent-8", T0.plusSeconds(1), Optional.empty());
        store.commit(List.of(new Mutation.PutFlag(flag), new Mutation.PutFlag(other)));
        assertThat(store.article(id).orElseThrow().signals().openFlagCount()).isEqualTo(2);

        Flag resolved = flag.resolve("pub-1", T0.plusSeconds(9), "Version 5 ergänzt");
        store.commit(List.of(new Mutation.PutFlag(resolved)));

        assertThat(store.flag("f-1")).contains(resolved);
        assertThat(store.flags(id)).containsExactly(resolved, other);
        assertThat(store.article(id).orElseThrow().signals().openFlagCount()).isEqualTo(1);
        assertThat(store.flag("f-404")).isEmpty();
    }

    @Test
    void feedbackAndViews_countInSignals() {
        ArticleId id = create("Article");
        var yes = new Feedback("fb-1", id, true, "Danke!", "public", T0);
        var no = new Feedback("fb-2", id, false, "", "public", T0.plusSeconds(1));
        store.commit(List.of(new Mutation.AddFeedback(yes), new Mutation.AddFeedback(no)));
        store.commit(List.of(new Mutation.AddViews(id, 3)));
        store.commit(List.of(new Mutation.AddViews(id, 1)));

        assertThat(store.feedback(id)).containsExactly(yes, no);
        var signals = store.article(id).orElseThrow().signals();
        assertThat(signals.helpfulCount()).isEqualTo(1);
        assertThat(signals.unhelpfulCount()).isEqualTo(1);
        assertThat(signals.viewCount()).isEqualTo(4);
    }

    @Test
    void signalMutations_onMissingArticle_areNotFound() {
        ArticleId missing = ArticleId.of("KB-404");
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.AddViews(missing, 1))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.commit(
                        List.of(new Mutation.AddFeedback(new Feedback("fb", missing, true, "", "public", T0)))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutFlag(
                        new Flag("f", missing, FlagReason.UNCLEAR, "", "a", T0, Optional.empty())))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void changeFeed_recordsEveryChangeInOrder() {
        assertThat(store.lastSequence()).isZero();
        ArticleId a = create("A");
        ArticleId b = create("B");
        store.commit(List.of(new Mutation.PutLink(link(a, "CASE-1")), new Mutation.AddViews(b, 2)));
        store.commit(List.of(new Mutation.MoveLinks(a, b)));

        List<Change> changes = store.changesAfter(0, 100);
        assertThat(changes).extracting(Change::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(changes)
                .extracting(Change::articleId, Change::kind)
                .containsExactly(
                        tuple(a, Change.Kind.CONTENT),
                        tuple(b, Change.Kind.CONTENT),
                        tuple(a, Change.Kind.SIGNALS),
                        tuple(b, Change.Kind.SIGNALS),
                        tuple(a, Change.Kind.SIGNALS),
                        tuple(b, Change.Kind.SIGNALS));
        assertThat(store.lastSequence()).isEqualTo(6);
        assertThat(store.changesAfter(2, 2)).extracting(Change::sequence).containsExactly(3L, 4L);
        assertThat(store.changesAfter(6, 10)).isEmpty();
    }

    @Test
    void commit_returnsTheLastSequenceItWrote() {
        ArticleId a = create("A");
        long sequence = store.commit(List.of(new Mutation.AddViews(a, 1), new Mutation.AddViews(a, 1)));
        assertThat(sequence).isEqualTo(store.lastSequence()).isEqualTo(3);
    }

    @Test
    void articleIds_pageThroughEveryArticle() {
        var created = new java.util.TreeSet<ArticleId>();
        for (int i = 0; i < 7; i++) {
            created.add(create("Article " + i));
        }
        var seen = new ArrayList<ArticleId>();
        Optional<ArticleId> after = Optional.empty();
        while (true) {
            List<ArticleId> page = store.articleIds(after, 3);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(3);
            seen.addAll(page);
            after = Optional.of(page.getLast());
        }
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void concurrentRevisions_exactlyOneWinsEachRound() throws Exception {
        ArticleId id = create("Contended");
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 2; round <= 11; round++) {
                int number = round;
                var start = new CountDownLatch(1);
                var wins = new AtomicInteger();
                var conflicts = new AtomicInteger();
                var futures = new ArrayList<Future<?>>();
                for (int w = 0; w < writers; w++) {
                    String title = "Round " + round + " writer " + w;
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.commit(List.of(new Mutation.AppendRevision(revision(id, number, content(title)))));
                            wins.incrementAndGet();
                        } catch (RevisionConflictException e) {
                            conflicts.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(wins.get()).as("winners in round %d", round).isEqualTo(1);
                assertThat(conflicts.get()).isEqualTo(writers - 1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.revisions(id)).extracting(Revision::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void concurrentCommits_feedHasNoGapsAndNoReorderings() throws Exception {
        ArticleId id = create("Busy");
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            var done = new java.util.concurrent.atomic.AtomicBoolean();
            Future<Long> reader = pool.submit(() -> {
                long seen = 0;
                while (!done.get()) {
                    for (Change change : store.changesAfter(seen, 1000)) {
                        assertThat(change.sequence()).isEqualTo(seen + 1);
                        seen = change.sequence();
                    }
                }
                return seen;
            });
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.commit(List.of(new Mutation.AddViews(id, 1)));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long expected = 1 + (long) threads * perThread;
        assertThat(store.lastSequence()).isEqualTo(expected);
        assertThat(store.changesAfter(0, 1000))
                .extracting(Change::sequence)
                .doesNotHaveDuplicates()
                .hasSize((int) expected);
        assertThat(store.article(id).orElseThrow().signals().viewCount()).isEqualTo((long) threads * perThread);
    }

    @Test
    void reopen_keepsEverything() {
        ArticleId id = create("Persistent");
        store.commit(List.of(new Mutation.PutLink(link(id, "CASE-1"))));
        var before = store.article(id).orElseThrow();
        long sequence = store.lastSequence();
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(store.article(id)).contains(before);
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(store.allocateId()).isNotEqualTo(id);
    }

    @Test
    void callsAfterClose_fail() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.article(ArticleId.of("KB-1"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::allocateId).isInstanceOf(IllegalStateException.class);
        store = newStore();
    }

    // ---- Identity -------------------------------------------------------------------------------------

    @Test
    void storeId_isKnown_stableAcrossReopen_andDifferentForAnotherStore() {
        String id = store.storeId();
        assertThat(id).isNotBlank();
        create("Persistent");
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.storeId()).isEqualTo(id);
        }
        // Last: newStore() moves what reopen() opens to the new store.
        try (ArticleStore other = newStore()) {
            assertThat(other.storeId()).isNotBlank().isNotEqualTo(id);
        }
    }

    // ---- Preconditions: crosswise merges -----------------------------------------------------------------

    @Test
    void expectRevision_stale_conflictsAndChangesNothing() {
        ArticleId a = create("A");
        ArticleId b = create("B");
        store.commit(List.of(new Mutation.AppendRevision(revision(b, 2, content("B2")))));
        long sequence = store.lastSequence();
        assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.ExpectRevision(b, 1), new Mutation.AppendRevision(revision(a, 2, content("A2"))))))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(store.article(a).orElseThrow().revision()).isEqualTo(1);
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.ExpectRevision(ArticleId.of("KB-999999"), 1))))
                .isInstanceOf(NotFoundException.class);
        long last = store.commit(
                List.of(new Mutation.ExpectRevision(b, 2), new Mutation.AppendRevision(revision(a, 2, content("A2")))));
        assertThat(last).isEqualTo(sequence + 1);
        assertThat(store.changesAfter(sequence, 10))
                .extracting(Change::articleId)
                .containsExactly(a);
    }

    /**
     * Two merges crosswise at once (A into B, B into A): each archives its duplicate and expects its survivor's
     * revision. At most one may commit in every round; before the precondition both did, archiving both.
     */
    @Test
    void expectRevision_crosswiseMergesAtOnce_atMostOneCommitsEachRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int rounds = "long".equals(System.getProperty("kb.campaign", "ci")) ? 1_000 : 40;
            for (int round = 0; round < rounds; round++) {
                ArticleId a = create("A" + round);
                ArticleId b = create("B" + round);
                var start = new CountDownLatch(1);
                var wins = new AtomicInteger();
                var futures = new ArrayList<Future<?>>();
                for (ArticleId[] pair : List.of(new ArticleId[] {a, b}, new ArticleId[] {b, a})) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.commit(List.of(
                                    new Mutation.ExpectRevision(pair[1], 1),
                                    new Mutation.AppendRevision(archived(pair[0], pair[1])),
                                    new Mutation.MoveLinks(pair[0], pair[1])));
                            wins.incrementAndGet();
                        } catch (RevisionConflictException e) {
                            // The other merge came first.
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(wins.get()).as("merges committed in round %d", round).isEqualTo(1);
                long archivedCount = List.of(a, b).stream()
                        .filter(id -> store.article(id).orElseThrow().state() == ArticleState.ARCHIVED)
                        .count();
                assertThat(archivedCount).as("archived in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Revision archived(ArticleId duplicate, ArticleId survivor) {
        return new Revision(
                duplicate,
                2,
                content("merged"),
                ArticleState.ARCHIVED,
                Audience.INTERNAL,
                Optional.of(survivor),
                AGENT,
                T0.plusSeconds(2),
                RevisionKind.MERGED,
                "merged into " + survivor);
    }

    // ---- Purge and redact --------------------------------------------------------------------------------

    protected static final Actor ADMIN = Actor.administrator("admin-1");

    @Test
    void purge_forgetsTheArticleWithEverythingAttached_feedsAContentChange_andAudits() {
        ArticleId id = create("Customer phone +41 79 123 45 67");
        ArticleId other = create("Unrelated");
        store.commit(List.of(new Mutation.AppendRevision(revision(id, 2, content("Still the phone")))));
        store.commit(List.of(
                new Mutation.PutLink(link(id, "CASE-1")),
                new Mutation.PutFlag(
                        new Flag("flag-p", id, FlagReason.INCORRECT, "x", "agent-7", T0, Optional.empty())),
                new Mutation.AddFeedback(new Feedback("fb-p", id, true, "call me", "public", T0)),
                new Mutation.AddViews(id, 3)));
        long before = store.lastSequence();
        var entry = AuditEntry.purge(T0.plusSeconds(9), ADMIN, id, "GDPR ticket 42");

        long last = store.commit(List.of(new Mutation.Purge(entry)));

        assertThat(last).isEqualTo(before + 1);
        assertThat(store.changesAfter(before, 10)).singleElement().satisfies(c -> {
            assertThat(c.articleId()).isEqualTo(id);
            assertThat(c.kind()).isEqualTo(Change.Kind.CONTENT);
        });
        assertThat(store.article(id)).isEmpty();
        assertThat(store.revisions(id)).isEmpty();
        assertThat(store.revision(id, 1)).isEmpty();
        assertThat(store.links(id)).isEmpty();
        assertThat(store.linksOfCase(CaseId.of("CASE-1"))).isEmpty();
        assertThat(store.flags(id)).isEmpty();
        assertThat(store.flag("flag-p")).isEmpty();
        assertThat(store.feedback(id)).isEmpty();
        assertThat(store.articleIds(Optional.empty(), 10)).containsExactly(other);
        assertThat(store.auditTrail(Optional.of(id))).containsExactly(entry);
        assertThat(store.auditTrail(Optional.empty())).containsExactly(entry);
        assertThat(store.allocateId()).isNotEqualTo(id);
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.AddViews(id, 1))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.Purge(entry))))
                .isInstanceOf(NotFoundException.class);
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.article(id)).isEmpty();
            assertThat(store.auditTrail(Optional.empty())).containsExactly(entry);
        }
    }

    @Test
    void redact_replacesTheStoredRevision_feedsAContentChange_andAudits() {
        ArticleId id = create("Customer mail jane@example.com");
        store.commit(List.of(new Mutation.AppendRevision(revision(id, 2, content("Second")))));
        Revision first = store.revision(id, 1).orElseThrow();
        var fields = Set.of(RevisionField.TITLE, RevisionField.COMMENT);
        Revision redacted = RevisionField.redact(first, fields);
        var entry = AuditEntry.redact(T0.plusSeconds(9), ADMIN, id, 1, fields, "ticket 43");
        long before = store.lastSequence();

        store.commit(List.of(new Mutation.Redact(redacted, entry)));

        assertThat(store.revision(id, 1)).contains(redacted);
        assertThat(redacted.content().title()).isEqualTo(RevisionField.MARKER);
        assertThat(redacted.content().issue()).isEqualTo(first.content().issue());
        assertThat(store.revisions(id)).hasSize(2);
        assertThat(store.revisions(id).toString()).doesNotContain("jane@example.com");
        assertThat(store.changesAfter(before, 10)).extracting(Change::kind).containsExactly(Change.Kind.CONTENT);
        assertThat(store.auditTrail(Optional.of(id))).containsExactly(entry);
        assertThat(entry.toString()).doesNotContain("jane@example.com");
        Revision missing = new Revision(
                id, 3, first.content(), first.state(), first.audience(), Optional.empty(), AGENT, T0, first.kind(), "");
        assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.Redact(missing, AuditEntry.redact(T0, ADMIN, id, 3, fields, "ticket 44")))))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- Retention ---------------------------------------------------------------------------------------

    @Test
    void trimChanges_removesOnlyEntriesOldEnoughAndAtOrBelowTheSequence_andMovesTheOldestSequence() {
        ArticleId id = create("Viewed");
        assertThat(store.oldestSequence()).isEqualTo(1);
        for (int i = 0; i < 9; i++) {
            store.commit(List.of(new Mutation.AddViews(id, 1)));
        }
        assertThat(store.lastSequence()).isEqualTo(10);
        // Nothing is old enough before the epoch.
        assertThat(store.trimChanges(10, Instant.EPOCH)).isZero();
        assertThat(store.oldestSequence()).isEqualTo(1);

        Instant future = Instant.now().plusSeconds(3600);
        assertThat(store.trimChanges(6, future)).isEqualTo(6);
        assertThat(store.oldestSequence()).isEqualTo(7);
        assertThat(store.changesAfter(0, 100)).extracting(Change::sequence).containsExactly(7L, 8L, 9L, 10L);
        assertThat(store.changesAfter(8, 100)).extracting(Change::sequence).containsExactly(9L, 10L);

        // The newest entry stays, so that the feed still says where it ends.
        store.trimChanges(Long.MAX_VALUE, future);
        assertThat(store.changesAfter(0, 100)).extracting(Change::sequence).containsExactly(10L);
        assertThat(store.oldestSequence()).isEqualTo(10);
        assertThat(store.lastSequence()).isEqualTo(10);
        assertThat(store.article(id).orElseThrow().signals().viewCount()).isEqualTo(9);

        long next = store.commit(List.of(new Mutation.AddViews(id, 1)));
        assertThat(next).isEqualTo(11);
        assertThat(store.changesAfter(10, 10)).extracting(Change::sequence).containsExactly(11L);
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.oldestSequence()).isEqualTo(10);
            assertThat(store.lastSequence()).isEqualTo(11);
        }
    }

    @Test
    void forgetFeedbackComments_emptiesOldComments_keepsTheVotes() {
        ArticleId id = create("Voted");
        store.commit(List.of(
                new Mutation.AddFeedback(new Feedback("old", id, true, "my phone is 079", "public", T0)),
                new Mutation.AddFeedback(new Feedback("new", id, false, "recent", "public", T0.plusSeconds(100)))));
        var signals = store.article(id).orElseThrow().signals();
        long sequence = store.lastSequence();

        assertThat(store.forgetFeedbackComments(T0.plusSeconds(50))).isEqualTo(1);

        assertThat(store.feedback(id))
                .extracting(Feedback::id, Feedback::comment, Feedback::helpful)
                .containsExactly(tuple("old", "", true), tuple("new", "recent", false));
        assertThat(store.article(id).orElseThrow().signals()).isEqualTo(signals);
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(store.forgetFeedbackComments(T0.plusSeconds(50))).isZero();
    }

    // ---- Search analytics -------------------------------------------------------------------------------

    private static final Viewer VISITOR = Viewer.anonymous();

    /** Returns the store's analytics side, or skips the test for a store without one. */
    protected AnalyticsStore analytics() {
        Assumptions.assumeTrue(
                store instanceof AnalyticsStore, store + " does not implement AnalyticsStore; analytics not checked");
        return (AnalyticsStore) store;
    }

    protected static SearchEvent searched(String searchId, String text, Locale language, long hits, long second) {
        return SearchEvent.search(T0.plusSeconds(second), SearchId.of(searchId), text, VISITOR, language, hits);
    }

    protected static SearchEvent clicked(String searchId, String article, int position, long second) {
        return SearchEvent.click(
                T0.plusSeconds(second),
                VISITOR,
                ArticleId.of(article),
                SearchOrigin.of(SearchId.of(searchId), position));
    }

    protected static SearchEvent picked(String typed, Locale language, String article, int position, long second) {
        return SearchEvent.suggestionPick(
                T0.plusSeconds(second), VISITOR, typed, language, ArticleId.of(article), position);
    }

    protected static SearchEvent linked(String searchId, String article, int position, long second) {
        return SearchEvent.link(
                T0.plusSeconds(second), AGENT, ArticleId.of(article), SearchOrigin.of(SearchId.of(searchId), position));
    }

    @Test
    void analytics_contentGaps_groupSearchesWithoutResultsByNormalisedQuery_mostSearchedFirst() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("s1", "Drucker offline", Locale.ROOT, 0, 1),
                searched("s2", "  drucker \t OFFLINE ", Locale.ROOT, 0, 2),
                searched("s3", "\uFF24\uFF32\uFF35\uFF23\uFF2B\uFF25\uFF32 offline", Locale.ROOT, 0, 3),
                searched("s4", "vpn", Locale.ROOT, 0, 4)));
        analytics.append(List.of(
                searched("s5", "VPN", Locale.ROOT, 3, 5), searched("s6", "drucker offline", Locale.GERMAN, 0, 6)));

        assertThat(analytics.contentGaps(ReportQuery.all()))
                .containsExactly(
                        new ContentGap(
                                "drucker offline", Locale.ROOT, 3, T0.plusSeconds(3), ContentGap.Kind.NO_RESULTS),
                        new ContentGap(
                                "drucker offline", Locale.GERMAN, 1, T0.plusSeconds(6), ContentGap.Kind.NO_RESULTS),
                        new ContentGap("vpn", Locale.ROOT, 1, T0.plusSeconds(5), ContentGap.Kind.NO_CLICK),
                        new ContentGap("vpn", Locale.ROOT, 1, T0.plusSeconds(4), ContentGap.Kind.NO_RESULTS));
    }

    @Test
    void analytics_searchWithResults_isAnsweredByAClickAPickOrALink_evenAfterTheWindow() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("clicked", "treiber", Locale.ROOT, 5, 1),
                searched("linked", "treiber", Locale.ROOT, 2, 2),
                searched("unanswered", "treiber", Locale.ROOT, 7, 3),
                searched("late", "treiber", Locale.ROOT, 4, 4),
                clicked("clicked", "KB-1", 1, 10),
                linked("linked", "KB-2", 3, 11),
                clicked("late", "KB-1", 2, 100)));

        ReportQuery window = ReportQuery.between(T0, T0.plusSeconds(50));
        assertThat(analytics.contentGaps(window))
                .containsExactly(
                        new ContentGap("treiber", Locale.ROOT, 1, T0.plusSeconds(3), ContentGap.Kind.NO_CLICK));
    }

    @Test
    void analytics_reports_countOnlyTheWindowAndTheLanguage() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("before", "drucker", Locale.GERMAN, 0, 0),
                searched("first", "drucker", Locale.GERMAN, 0, 10),
                searched("english", "drucker", Locale.ENGLISH, 0, 15),
                searched("last", "drucker", Locale.GERMAN, 0, 19),
                searched("after", "drucker", Locale.GERMAN, 0, 20)));
        ReportQuery window = ReportQuery.between(T0.plusSeconds(10), T0.plusSeconds(20));

        assertThat(analytics.contentGaps(window.withLanguage(Locale.GERMAN)))
                .containsExactly(
                        new ContentGap("drucker", Locale.GERMAN, 2, T0.plusSeconds(19), ContentGap.Kind.NO_RESULTS));
        assertThat(analytics.topQueries(window))
                .containsExactly(
                        new QueryCount("drucker", Locale.GERMAN, 2, 2, 0),
                        new QueryCount("drucker", Locale.ENGLISH, 1, 1, 0));
        assertThat(analytics.topQueries(window.withLanguage(Locale.FRENCH))).isEmpty();
        assertThat(analytics.contentGaps(ReportQuery.between(T0.plusSeconds(30), T0.plusSeconds(40))))
                .isEmpty();
    }

    @Test
    void analytics_topQueries_countSearchesAndSuggestionPicks_mostAskedFirst() {
        AnalyticsStore analytics = analytics();
        var events = new ArrayList<SearchEvent>();
        for (int i = 0; i < 4; i++) {
            events.add(searched("vpn-" + i, "VPN  Verbindung", Locale.ROOT, i == 0 ? 0 : 3, i));
        }
        events.add(searched("d-1", "drucker", Locale.ROOT, 2, 10));
        events.add(picked("Drucker", Locale.ROOT, "KB-1", 1, 11));
        events.add(picked("drucker", Locale.ROOT, "KB-1", 2, 12));
        events.add(picked("outlook", Locale.ROOT, "KB-3", 1, 13));
        analytics.append(events);

        assertThat(analytics.topQueries(ReportQuery.all()))
                .containsExactly(
                        new QueryCount("vpn verbindung", Locale.ROOT, 4, 1, 0),
                        new QueryCount("drucker", Locale.ROOT, 1, 0, 2),
                        new QueryCount("outlook", Locale.ROOT, 0, 0, 1));
        assertThat(analytics.topQueries(ReportQuery.all().withLimit(1)))
                .extracting(QueryCount::query)
                .containsExactly("vpn verbindung");
    }

    @Test
    void analytics_clickPositions_countPerPosition_filteredByTheLanguageOfTheirSearch() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("de", "drucker", Locale.GERMAN, 9, 1),
                searched("en", "printer", Locale.ENGLISH, 9, 2),
                clicked("de", "KB-1", 1, 3),
                clicked("de", "KB-2", 3, 4),
                clicked("en", "KB-3", 1, 5),
                clicked("unknown-search", "KB-4", 2, 6),
                picked("druck", Locale.GERMAN, "KB-1", 1, 7),
                linked("de", "KB-1", 1, 8)));

        assertThat(analytics.clickPositions(ReportQuery.all()))
                .containsExactly(new PositionCount(1, 2, 1), new PositionCount(2, 1, 0), new PositionCount(3, 1, 0));
        assertThat(analytics.clickPositions(ReportQuery.all().withLanguage(Locale.GERMAN)))
                .containsExactly(new PositionCount(1, 1, 1), new PositionCount(3, 1, 0));
        assertThat(analytics.clickPositions(ReportQuery.all().withLimit(2)))
                .extracting(PositionCount::position)
                .containsExactly(1, 2);
    }

    @Test
    void analytics_answeredQueries_countSearchesPerQueryAndChosenArticle_onceEach() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("a", "Drucker  Treiber", Locale.GERMAN, 5, 1),
                searched("b", "drucker treiber", Locale.GERMAN, 5, 2),
                searched("c", "drucker treiber", Locale.GERMAN, 5, 3),
                searched("d", "vpn", Locale.ENGLISH, 2, 4),
                searched("unanswered", "vpn", Locale.ENGLISH, 2, 5),
                searched("outside", "vpn", Locale.ENGLISH, 2, 60),
                clicked("a", "KB-1", 1, 6),
                clicked("a", "KB-1", 1, 7),
                linked("b", "KB-1", 2, 8),
                clicked("c", "KB-2", 2, 9),
                linked("d", "KB-3", 1, 10),
                picked("drucker", Locale.GERMAN, "KB-9", 1, 11),
                clicked("outside", "KB-3", 1, 61)));

        ReportQuery window = ReportQuery.between(T0, T0.plusSeconds(50));
        assertThat(analytics.answeredQueries(window))
                .containsExactly(
                        new AnsweredQuery(
                                "drucker treiber",
                                Locale.GERMAN,
                                Audience.PUBLIC,
                                ArticleId.of("KB-1"),
                                2,
                                0,
                                T0.plusSeconds(2)),
                        new AnsweredQuery(
                                "vpn", Locale.ENGLISH, Audience.PUBLIC, ArticleId.of("KB-3"), 1, 0, T0.plusSeconds(4)),
                        new AnsweredQuery(
                                "drucker treiber",
                                Locale.GERMAN,
                                Audience.PUBLIC,
                                ArticleId.of("KB-2"),
                                1,
                                0,
                                T0.plusSeconds(3)));
        assertThat(analytics.answeredQueries(window.withLanguage(Locale.ENGLISH).withLimit(5)))
                .extracting(AnsweredQuery::article)
                .containsExactly(ArticleId.of("KB-3"));
        assertThat(analytics.answeredQueries(window.withLimit(1)))
                .extracting(AnsweredQuery::article)
                .containsExactly(ArticleId.of("KB-1"));
    }

    @Test
    void analytics_contentGaps_respectTheLimit() {
        AnalyticsStore analytics = analytics();
        var events = new ArrayList<SearchEvent>();
        for (int i = 0; i < 30; i++) {
            events.add(searched("s-" + i, "query " + (i % 10), Locale.ROOT, 0, i));
        }
        analytics.append(events);
        assertThat(analytics.contentGaps(ReportQuery.all().withLimit(4)))
                .extracting(ContentGap::query, ContentGap::searches)
                .containsExactly(
                        tuple("query 9", 3L), tuple("query 8", 3L), tuple("query 7", 3L), tuple("query 6", 3L));
    }

    @Test
    void analytics_awkwardQueries_areStoredAndReportedNormalised() {
        AnalyticsStore analytics = analytics();
        String awkward = "'; DROP TABLE kb_search_events; -- \"Größe\" \u0000 😀 漢字 \\ %_";
        analytics.append(List.of());
        analytics.append(List.of(
                searched("a", awkward, Locale.forLanguageTag("zh-Hant-TW"), 0, 1),
                searched("b", "x".repeat(5_000), Locale.ROOT, 0, 2)));

        assertThat(analytics.contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query, ContentGap::language)
                .containsExactly(
                        tuple("x".repeat(SearchEvent.MAX_QUERY_LENGTH), Locale.ROOT),
                        tuple(
                                "'; drop table kb_search_events; -- \"größe\" 😀 漢字 \\ %_",
                                Locale.forLanguageTag("zh-Hant-TW")));
    }

    @Test
    void analytics_concurrentAppends_loseNothing() throws Exception {
        AnalyticsStore analytics = analytics();
        int threads = 4;
        int batches = 25;
        int perBatch = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        var batch = new ArrayList<SearchEvent>();
                        for (int i = 0; i < perBatch; i++) {
                            batch.add(searched(thread + "-" + b + "-" + i, "busy", Locale.ROOT, 0, i));
                        }
                        analytics.append(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(analytics.topQueries(ReportQuery.all()))
                .containsExactly(new QueryCount(
                        "busy",
                        Locale.ROOT,
                        (long) threads * batches * perBatch,
                        (long) threads * batches * perBatch,
                        0));
    }

    @Test
    void analytics_reopen_keepsTheEvents() {
        analytics().append(List.of(searched("kept", "kept", Locale.ROOT, 0, 1)));
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .containsExactly("kept");
    }

    private static SearchEvent searchedBy(
            String searchId, String text, Viewer viewer, String visitor, long hits, long second) {
        return SearchEvent.search(
                T0.plusSeconds(second), SearchId.of(searchId), text, viewer, visitor, Locale.ENGLISH, hits);
    }

    private static SearchEvent clickedBy(String searchId, Viewer viewer, String article, long second) {
        return SearchEvent.click(
                T0.plusSeconds(second), viewer, ArticleId.of(article), SearchOrigin.of(SearchId.of(searchId), 1));
    }

    @Test
    void analytics_answeredQueries_keepTheAudience_countDistinctVisitors_andIgnoreSearchesWithoutHits() {
        AnalyticsStore analytics = analytics();
        Viewer partner = Viewer.partner("p-1");
        Viewer agent = Viewer.agent(AGENT);
        analytics.append(List.of(
                // Three public searches by two visitors, one without a visitor key: 3 answers, 2 visitors.
                searchedBy("p1", "reset password", VISITOR, "v-a", 4, 1),
                searchedBy("p2", "reset password", VISITOR, "v-a", 4, 2),
                searchedBy("p3", "reset password", VISITOR, "v-b", 4, 3),
                searchedBy("p4", "reset password", VISITOR, "", 4, 4),
                // The same text typed by a partner and an agent: separate rows per audience.
                searchedBy("q1", "reset password", partner, "p-1", 4, 5),
                searchedBy("a1", "reset password", agent, "agent-7", 4, 6),
                // A search without hits answered nothing, whatever a click says (the zero-hit restart bug).
                searchedBy("z1", "leaked phone 555", VISITOR, "v-c", 0, 7),
                clickedBy("p1", VISITOR, "KB-1", 10),
                clickedBy("p2", VISITOR, "KB-1", 11),
                clickedBy("p3", VISITOR, "KB-1", 12),
                clickedBy("p4", VISITOR, "KB-1", 13),
                clickedBy("q1", partner, "KB-1", 14),
                linked("a1", "KB-1", 1, 15),
                clickedBy("z1", VISITOR, "KB-1", 16)));

        assertThat(analytics.answeredQueries(ReportQuery.all()))
                .extracting(
                        AnsweredQuery::query,
                        AnsweredQuery::audience,
                        AnsweredQuery::article,
                        AnsweredQuery::answers,
                        AnsweredQuery::visitors)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "reset password", Audience.PUBLIC, ArticleId.of("KB-1"), 4L, 2L),
                        org.assertj.core.groups.Tuple.tuple(
                                "reset password", Audience.INTERNAL, ArticleId.of("KB-1"), 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple(
                                "reset password", Audience.PARTNER, ArticleId.of("KB-1"), 1L, 1L));
    }

    @Test
    void analytics_forgetArticle_deletesItsClicksPicksAndLinks_soNoQueryIsLearnedFromIt() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                searched("a", "vpn", Locale.ENGLISH, 2, 1),
                clicked("a", "KB-1", 1, 2),
                linked("a", "KB-2", 2, 3),
                picked("vp", Locale.ENGLISH, "KB-1", 1, 4)));

        assertThat(analytics.forgetArticle(ArticleId.of("KB-1"))).isEqualTo(2);

        assertThat(analytics.answeredQueries(ReportQuery.all()))
                .extracting(AnsweredQuery::article)
                .containsExactly(ArticleId.of("KB-2"));
        assertThat(analytics.clickPositions(ReportQuery.all())).isEmpty();
    }

    @Test
    void analytics_deleteEvents_dropsEventsBeforeTheCutoff_thenTheOldestBeyondMaxRows() {
        AnalyticsStore analytics = analytics();
        for (int i = 0; i < 10; i++) {
            analytics.append(List.of(searched("s" + i, "q" + i, Locale.ROOT, 0, i)));
        }

        assertThat(analytics.deleteEvents(T0.plusSeconds(3), Long.MAX_VALUE)).isEqualTo(3);
        assertThat(analytics.deleteEvents(T0, 4)).isEqualTo(3);

        assertThat(analytics.topQueries(ReportQuery.all()))
                .extracting(QueryCount::query)
                .containsExactlyInAnyOrder("q6", "q7", "q8", "q9");
        assertThat(analytics.deleteEvents(T0, 4)).isZero();
    }

    @Test
    void analytics_blockedQueries_andTheVisitorHashKey_lastAcrossReopen() {
        AnalyticsStore analytics = analytics();
        analytics.blockQuery("call me at home");
        analytics.blockQuery("call me at home");
        analytics.blockQuery("jane doe");
        byte[] key = analytics.visitorHashKey();
        assertThat(key.length).isGreaterThanOrEqualTo(32);
        assertThat(analytics.visitorHashKey()).isEqualTo(key);
        assertThat(analytics.blockedQueries()).containsExactlyInAnyOrder("call me at home", "jane doe");

        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(analytics().blockedQueries()).containsExactlyInAnyOrder("call me at home", "jane doe");
        assertThat(analytics().visitorHashKey()).isEqualTo(key);
    }

    @Test
    void analytics_controlCharacters_areNeverStored() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(SearchEvent.search(
                T0,
                SearchId.of("nul"),
                "drucker\u0000\u001b[31m rot \u202egnirts\u2066 \u0085",
                VISITOR,
                Locale.ROOT,
                0)));

        // Control characters, and the format characters that reorder or hide text (bidi overrides), are spaces.
        assertThat(analytics.contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .singleElement()
                .isEqualTo("drucker [31m rot gnirts")
                .satisfies(q -> assertThat(q.chars())
                        .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT));
        assertThat(analytics.topQueries(ReportQuery.all()))
                .extracting(QueryCount::query)
                .containsExactly("drucker [31m rot gnirts");
    }

    @Test
    void analytics_scopedReports_countOnlySearchersAndArticlesTheScopeCounts() {
        AnalyticsStore analytics = analytics();
        ArticleId shared = store.allocateId();
        ArticleId internal = store.allocateId();
        ArticleId draft = store.allocateId();
        for (var article : List.of(
                Map.entry(shared, Map.entry(ArticleState.VALIDATED, Audience.PARTNER)),
                Map.entry(internal, Map.entry(ArticleState.VALIDATED, Audience.INTERNAL)),
                Map.entry(draft, Map.entry(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL)))) {
            Revision first = revision(article.getKey(), 1, content("Scoped " + article.getKey()));
            store.commit(List.of(new Mutation.AppendRevision(new Revision(
                    first.articleId(),
                    1,
                    first.content(),
                    article.getValue().getKey(),
                    article.getValue().getValue(),
                    Optional.empty(),
                    AGENT,
                    first.at(),
                    first.kind(),
                    first.comment()))));
        }
        Viewer agent = Viewer.agent(AGENT);
        analytics.append(List.of(
                searched("v1", "drucker", Locale.ROOT, 2, 1),
                clicked("v1", shared.value(), 1, 2),
                searched("v2", "drucker", Locale.ROOT, 2, 3),
                clicked("v2", internal.value(), 2, 4),
                picked("dru", Locale.ROOT, internal.value(), 1, 5),
                clicked("v3", "KB-999", 3, 6),
                SearchEvent.search(T0.plusSeconds(7), SearchId.of("a1"), "intern", agent, Locale.ROOT, 1),
                SearchEvent.click(T0.plusSeconds(8), agent, draft, SearchOrigin.of(SearchId.of("a1"), 1))));
        ReportQuery all = ReportQuery.all();
        ReportScope partner = ReportScope.of(Viewer.partner("acme"), VisibilityPolicy.kcsDefault());

        assertThat(analytics.topQueries(all, partner)).containsExactly(new QueryCount("drucker", Locale.ROOT, 2, 0, 0));
        assertThat(analytics.contentGaps(all, partner))
                .containsExactly(
                        new ContentGap("drucker", Locale.ROOT, 1, T0.plusSeconds(3), ContentGap.Kind.NO_CLICK));
        assertThat(analytics.answeredQueries(all, partner))
                .extracting(AnsweredQuery::article)
                .containsExactly(shared);
        assertThat(analytics.clickPositions(all, partner)).containsExactly(new PositionCount(1, 1, 0));

        // An own-only grant compares the first revision's author with the agent's id.
        var ownDrafts = new ReportScope(
                Set.of(SearchEvent.ViewerKind.AGENT),
                Optional.of(new Visibility(
                        agent, Set.of(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, true)))));
        assertThat(analytics.answeredQueries(all, ownDrafts))
                .extracting(AnsweredQuery::article)
                .containsExactly(draft);
        var othersDrafts = new ReportScope(
                Set.of(SearchEvent.ViewerKind.AGENT),
                Optional.of(new Visibility(
                        Viewer.agent(Actor.contributor("agent-9")),
                        Set.of(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, true)))));
        assertThat(analytics.answeredQueries(all, othersDrafts)).isEmpty();
        assertThat(analytics.contentGaps(all, othersDrafts))
                .extracting(ContentGap::query)
                .containsExactly("intern");

        // The administrator's scope is the one-argument report.
        assertThat(analytics.clickPositions(all, ReportScope.everything())).isEqualTo(analytics.clickPositions(all));
        assertThat(analytics.clickPositions(all))
                .containsExactly(new PositionCount(1, 2, 1), new PositionCount(2, 1, 0), new PositionCount(3, 1, 0));
    }

    // ---- Search analytics: reformulations ------------------------------------------------------------------

    private static SearchEvent searchedAs(
            String searchId, String text, String visitor, Locale language, long hits, long second) {
        return SearchEvent.search(
                T0.plusSeconds(second), SearchId.of(searchId), text, VISITOR, visitor, language, hits);
    }

    @Test
    void analytics_reformulations_pairAFailedSearchWithTheSameVisitorsNextClickedSearch_withinTheWindow() {
        AnalyticsStore analytics = analytics();
        analytics.append(List.of(
                // v-a: no hits, the same text again (not a reformulation), then the one that worked, then another.
                searchedAs("f1", "Lohnzettel fehlt", "v-a", Locale.GERMAN, 0, 0),
                searchedAs("x1", "lohnzettel  FEHLT", "v-a", Locale.GERMAN, 2, 10),
                clicked("x1", "KB-9", 1, 11),
                searchedAs("s1", "Gehaltsabrechnung nicht erhalten", "v-a", Locale.GERMAN, 3, 60),
                clicked("s1", "KB-1", 1, 70),
                searchedAs("s2", "gehalt", "v-a", Locale.GERMAN, 3, 120),
                clicked("s2", "KB-1", 1, 121),
                // v-b: hits nobody opened, then a click on the shorter query's hit.
                searchedAs("f2", "VPN geht nicht", "v-b", Locale.ENGLISH, 5, 1000),
                searchedAs("s3", "vpn", "v-b", Locale.ENGLISH, 5, 1010),
                clicked("s3", "KB-2", 2, 1011),
                // v-c: a case link exactly at the end of the window counts; v-d: a second later does not.
                searchedAs("f4", "kein netz", "v-c", Locale.ENGLISH, 0, 2000),
                searchedAs("s4", "wlan down", "v-c", Locale.ENGLISH, 1, 2300),
                linked("s4", "KB-3", 1, 2301),
                searchedAs("f5", "kein netz", "v-d", Locale.ENGLISH, 0, 3000),
                searchedAs("s5", "wlan down", "v-d", Locale.ENGLISH, 1, 3301),
                clicked("s5", "KB-3", 1, 3302),
                // Without a visitor key nothing pairs; a search that got a click is no failed search.
                searchedAs("f6", "kein netz", "", Locale.ENGLISH, 0, 4000),
                searchedAs("s6", "wlan down", "", Locale.ENGLISH, 1, 4010),
                clicked("s6", "KB-3", 1, 4011),
                searchedAs("f7", "drucker", "v-e", Locale.ENGLISH, 2, 5000),
                clicked("f7", "KB-4", 1, 5001),
                searchedAs("s7", "printer", "v-e", Locale.ENGLISH, 2, 5010),
                clicked("s7", "KB-4", 1, 5011),
                // Two clicked searches at the same earliest instant: both.
                searchedAs("f8", "ohne treffer", "v-f", Locale.ENGLISH, 0, 6000),
                searchedAs("s8a", "aaa", "v-f", Locale.ENGLISH, 1, 6010),
                searchedAs("s8b", "bbb", "v-f", Locale.ENGLISH, 1, 6010),
                clicked("s8a", "KB-5", 1, 6011),
                clicked("s8b", "KB-5", 1, 6012)));
        java.time.Duration within = java.time.Duration.ofMinutes(5);

        List<org.kcskb.analytics.Reformulation> all = analytics.reformulations(ReportQuery.all(), within);

        assertThat(all)
                .containsExactlyInAnyOrder(
                        new org.kcskb.analytics.Reformulation(
                                "lohnzettel fehlt",
                                Locale.GERMAN,
                                "gehaltsabrechnung nicht erhalten",
                                Locale.GERMAN,
                                "v-a",
                                T0.plusSeconds(60)),
                        new org.kcskb.analytics.Reformulation(
                                "vpn geht nicht", Locale.ENGLISH, "vpn", Locale.ENGLISH, "v-b", T0.plusSeconds(1010)),
                        new org.kcskb.analytics.Reformulation(
                                "kein netz", Locale.ENGLISH, "wlan down", Locale.ENGLISH, "v-c", T0.plusSeconds(2300)),
                        new org.kcskb.analytics.Reformulation(
                                "ohne treffer", Locale.ENGLISH, "aaa", Locale.ENGLISH, "v-f", T0.plusSeconds(6010)),
                        new org.kcskb.analytics.Reformulation(
                                "ohne treffer", Locale.ENGLISH, "bbb", Locale.ENGLISH, "v-f", T0.plusSeconds(6010)));
        assertThat(all)
                .extracting(org.kcskb.analytics.Reformulation::at)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(analytics.reformulations(ReportQuery.all().withLanguage(Locale.GERMAN), within))
                .extracting(org.kcskb.analytics.Reformulation::query)
                .containsExactly("gehaltsabrechnung nicht erhalten");
        assertThat(analytics.reformulations(ReportQuery.between(T0.plusSeconds(1000), T0.plusSeconds(2001)), within))
                .extracting(org.kcskb.analytics.Reformulation::visitor)
                .containsExactly("v-c", "v-b");
        // A shorter window drops the reformulation a minute later.
        assertThat(analytics.reformulations(
                        ReportQuery.all().withLanguage(Locale.GERMAN), java.time.Duration.ofSeconds(59)))
                .isEmpty();
        assertThatThrownBy(() -> analytics.reformulations(ReportQuery.all(), java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within");
        assertThatThrownBy(() -> analytics.reformulations(ReportQuery.all(), java.time.Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void analytics_callsAfterClose_fail() {
        AnalyticsStore analytics = analytics();
        store.close();
        assertThatThrownBy(() -> analytics.append(List.of(searched("s", "late", Locale.ROOT, 0, 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> analytics.contentGaps(ReportQuery.all())).isInstanceOf(IllegalStateException.class);
        store = newStore();
    }

    // ---- Vocabulary ----------------------------------------------------------------------------------------

    protected static final Actor COACH = Actor.publisher("coach-1");

    private VocabularyEntry vocabularyEntry(Locale language, VocabularyRule rule, int second) {
        return new VocabularyEntry(
                store.allocateVocabularyId(), language, rule, Optional.of(COACH), T0.plusSeconds(second));
    }

    @Test
    void vocabulary_addedEntries_roundTripExactly_oldestFirst_andRemovalKeepsTheOthersInOrder() {
        ArticleId outage = create("Störung");
        // Awkward terms: umlauts, a backslash, an apostrophe, several words, a term for every language.
        var synonyms = vocabularyEntry(
                Locale.GERMAN, VocabularyRule.Synonyms.of("Beamer", "Projektor", "c:\\drucker", "o'brien"), 1);
        var expansion = vocabularyEntry(
                Locale.ROOT, VocabularyRule.Expansion.of("AP", "access point", "Zugangspunkt größe"), 2);
        var bestBet = vocabularyEntry(Locale.forLanguageTag("en-GB"), new VocabularyRule.BestBet("Outage", outage), 3);
        assertThat(store.vocabulary()).isEmpty();
        store.putVocabulary(synonyms);
        store.putVocabulary(expansion);
        store.putVocabulary(bestBet);

        assertThat(store.vocabulary()).containsExactly(synonyms, expansion, bestBet);
        assertThat(store.vocabulary().get(2).language()).isEqualTo(Locale.ENGLISH);
        assertThat(((VocabularyRule.Expansion) store.vocabulary().get(1).rule()).to())
                .containsExactly("access point", "zugangspunkt größe");

        store.removeVocabulary(expansion.id(), COACH, T0.plusSeconds(10));
        assertThat(store.vocabulary()).containsExactly(synonyms, bestBet);
        var again = vocabularyEntry(Locale.GERMAN, VocabularyRule.Expansion.of("AP", "access point"), 11);
        store.putVocabulary(again);
        assertThat(store.vocabulary()).containsExactly(synonyms, bestBet, again);
    }

    @Test
    void vocabularyAudit_recordsEveryAdditionAndRemoval_withActorTimeAndTheEntryAsItWas() {
        var entry = vocabularyEntry(Locale.GERMAN, VocabularyRule.Synonyms.of("vpn", "fernzugriff"), 1);
        store.putVocabulary(entry);
        Actor other = Actor.administrator("admin-2");
        store.removeVocabulary(entry.id(), other, T0.plusSeconds(60));

        assertThat(store.vocabularyAudit())
                .containsExactly(
                        new VocabularyChange(T0.plusSeconds(1), COACH, VocabularyChange.Action.ADDED, entry),
                        new VocabularyChange(T0.plusSeconds(60), other, VocabularyChange.Action.REMOVED, entry));
        assertThat(store.vocabulary()).isEmpty();
    }

    @Test
    void vocabularyChanges_areOnTheFeed_inSequenceWithArticleChanges() {
        ArticleId a = create("A");
        long added = store.putVocabulary(vocabularyEntry(Locale.GERMAN, VocabularyRule.Synonyms.of("a", "b"), 1));
        store.commit(List.of(new Mutation.AddViews(a, 1)));
        String id = store.vocabulary().getFirst().id();
        long removed = store.removeVocabulary(id, COACH, T0.plusSeconds(2));

        assertThat(added).isEqualTo(2);
        assertThat(removed).isEqualTo(4).isEqualTo(store.lastSequence());
        assertThat(store.changesAfter(0, 10))
                .extracting(Change::sequence, Change::articleId, Change::kind)
                .containsExactly(
                        tuple(1L, a, Change.Kind.CONTENT),
                        tuple(2L, Change.VOCABULARY_SUBJECT, Change.Kind.VOCABULARY),
                        tuple(3L, a, Change.Kind.SIGNALS),
                        tuple(4L, Change.VOCABULARY_SUBJECT, Change.Kind.VOCABULARY));
        // Feed times never go backwards along the sequence.
        List<Change> changes = store.changesAfter(0, 10);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).at()).isAfterOrEqualTo(changes.get(i - 1).at());
        }
    }

    @Test
    void vocabularyChanges_areTrimmedLikeEveryOtherFeedEntry_andTheVocabularyStays() {
        var entry = vocabularyEntry(Locale.ENGLISH, VocabularyRule.Expansion.of("pw", "password"), 1);
        store.putVocabulary(entry);
        ArticleId a = create("A");
        assertThat(store.trimChanges(1, Instant.now().plusSeconds(3600))).isEqualTo(1);
        assertThat(store.changesAfter(0, 10)).extracting(Change::articleId).containsExactly(a);
        assertThat(store.vocabulary()).containsExactly(entry);
    }

    @Test
    void removeVocabulary_unknownId_isNotFound_andWritesNothing() {
        var entry = vocabularyEntry(Locale.GERMAN, VocabularyRule.Synonyms.of("a", "b"), 1);
        store.putVocabulary(entry);
        long sequence = store.lastSequence();
        assertThatThrownBy(() -> store.removeVocabulary("V-999", COACH, T0))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("V-999");
        store.removeVocabulary(entry.id(), COACH, T0);
        assertThatThrownBy(() -> store.removeVocabulary(entry.id(), COACH, T0)).isInstanceOf(NotFoundException.class);
        assertThat(store.lastSequence()).isEqualTo(sequence + 1);
        assertThat(store.vocabularyAudit()).hasSize(2);
    }

    @Test
    void putVocabulary_duplicateIdOrNoAuthor_isRefused_andWritesNothing() {
        var entry = vocabularyEntry(Locale.GERMAN, VocabularyRule.Synonyms.of("a", "b"), 1);
        store.putVocabulary(entry);
        long sequence = store.lastSequence();
        var sameId = new VocabularyEntry(
                entry.id(), Locale.ENGLISH, VocabularyRule.Synonyms.of("c", "d"), Optional.of(COACH), T0);
        assertThatThrownBy(() -> store.putVocabulary(sameId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.id());
        var anonymous =
                VocabularyEntry.base(store.allocateVocabularyId(), Locale.GERMAN, VocabularyRule.Synonyms.of("e", "f"));
        assertThatThrownBy(() -> store.putVocabulary(anonymous)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.vocabulary()).containsExactly(entry);
        assertThat(store.vocabularyAudit()).hasSize(1);
        assertThat(store.lastSequence()).isEqualTo(sequence);
    }

    @Test
    void vocabulary_reopen_keepsEntriesAuditAndFeed_andIdsNeverRepeat() {
        var kept = vocabularyEntry(Locale.GERMAN, VocabularyRule.Synonyms.of("lohnzettel", "gehaltsabrechnung"), 1);
        var removed = vocabularyEntry(Locale.ENGLISH, VocabularyRule.Expansion.of("pw", "password"), 2);
        store.putVocabulary(kept);
        store.putVocabulary(removed);
        store.removeVocabulary(removed.id(), COACH, T0.plusSeconds(3));
        List<VocabularyChange> audit = store.vocabularyAudit();
        List<Change> feed = store.changesAfter(0, 10);
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(store.vocabulary()).containsExactly(kept);
        assertThat(store.vocabularyAudit()).isEqualTo(audit);
        assertThat(store.changesAfter(0, 10)).isEqualTo(feed);
        assertThat(store.allocateVocabularyId()).isNotIn(kept.id(), removed.id());
    }

    @Test
    void vocabulary_concurrentWriters_getDistinctIds_andTheFeedHasNoGaps() throws Exception {
        ArticleId a = create("Busy");
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var ids = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        try {
            var writers = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        var entry = new VocabularyEntry(
                                store.allocateVocabularyId(),
                                Locale.GERMAN,
                                VocabularyRule.Synonyms.of("w" + thread + "x" + i, "v" + thread + "x" + i),
                                Optional.of(COACH),
                                T0);
                        assertThat(ids.add(entry.id())).isTrue();
                        store.putVocabulary(entry);
                        store.commit(List.of(new Mutation.AddViews(a, 1)));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int writes = threads * perThread;
        assertThat(store.vocabulary()).hasSize(writes);
        assertThat(store.vocabularyAudit()).hasSize(writes);
        assertThat(store.lastSequence()).isEqualTo(1 + 2L * writes);
        List<Change> feed = store.changesAfter(0, 1000);
        assertThat(feed)
                .extracting(Change::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1 + 2L * writes)
                        .boxed()
                        .toList());
        assertThat(feed).filteredOn(c -> c.kind() == Change.Kind.VOCABULARY).hasSize(writes);
    }

    // ---- Translations -----------------------------------------------------------------------------------------

    private ArticleId create(String title, Locale language) {
        ArticleId id = store.allocateId();
        store.commit(List.of(
                new Mutation.AppendRevision(revision(id, 1, content(title).withLanguage(language)))));
        return id;
    }

    private List<ArticleId> contentChangesAfter(long sequence) {
        return store.changesAfter(sequence, 100).stream()
                .peek(c -> assertThat(c.kind()).isEqualTo(Change.Kind.CONTENT))
                .map(Change::articleId)
                .toList();
    }

    @Test
    void putTranslation_joinsGroupsTransitively_andFeedsAContentChangePerMember() {
        ArticleId de = create("Drucker druckt nicht", Locale.GERMAN);
        ArticleId en = create("Printer does not print", Locale.ENGLISH);
        ArticleId fr = create("L'imprimante n'imprime pas", Locale.FRENCH);
        ArticleId alone = create("Unrelated", Locale.ENGLISH);

        long before = store.lastSequence();
        long last = store.commit(List.of(new Mutation.PutTranslation(de, en)));
        assertThat(last).isEqualTo(before + 2);
        assertThat(contentChangesAfter(before)).containsExactlyInAnyOrder(de, en);
        assertThat(store.article(de).orElseThrow().translations()).isEqualTo(Map.of(Locale.ENGLISH, en));
        assertThat(store.article(en).orElseThrow().translations()).isEqualTo(Map.of(Locale.GERMAN, de));

        before = store.lastSequence();
        store.commit(List.of(new Mutation.PutTranslation(fr, en)));
        assertThat(contentChangesAfter(before)).containsExactlyInAnyOrder(de, en, fr);
        assertThat(store.article(de).orElseThrow().translations())
                .isEqualTo(Map.of(Locale.ENGLISH, en, Locale.FRENCH, fr));
        assertThat(store.article(fr).orElseThrow().translations())
                .isEqualTo(Map.of(Locale.ENGLISH, en, Locale.GERMAN, de));
        assertThat(store.article(de).orElseThrow().translationGroup())
                .isEqualTo(store.article(fr).orElseThrow().translationGroup());
        assertThat(store.article(alone).orElseThrow().translations()).isEmpty();
        assertThat(store.article(alone).orElseThrow().translationGroup()).isEmpty();

        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.article(en).orElseThrow().translations())
                    .isEqualTo(Map.of(Locale.GERMAN, de, Locale.FRENCH, fr));
        }
    }

    @Test
    void putTranslation_secondArticleOfALanguage_failsNamingTheOneThere_andChangesNothing() {
        ArticleId de = create("Drucker druckt nicht", Locale.GERMAN);
        ArticleId en = create("Printer does not print", Locale.ENGLISH);
        ArticleId otherEn = create("Printer prints nothing", Locale.ENGLISH);
        store.commit(List.of(new Mutation.PutTranslation(de, en)));
        long before = store.lastSequence();

        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutTranslation(de, otherEn))))
                .isInstanceOfSatisfying(org.kcskb.TranslationConflictException.class, e -> {
                    assertThat(e.article()).isEqualTo(otherEn);
                    assertThat(e.existing()).isEqualTo(en);
                    assertThat(e.language()).isEqualTo(Locale.ENGLISH);
                    assertThat(e.getMessage()).contains(en.value(), "unlink");
                });
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutTranslation(en, otherEn))))
                .isInstanceOf(org.kcskb.TranslationConflictException.class);
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutTranslation(de, ArticleId.of("KB-404")))))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.lastSequence()).isEqualTo(before);
        assertThat(store.article(otherEn).orElseThrow().translations()).isEmpty();
        assertThat(store.article(de).orElseThrow().translations()).isEqualTo(Map.of(Locale.ENGLISH, en));
    }

    @Test
    void removeTranslation_leavesTheGroup_dissolvesAGroupOfOne_andFeedsEveryFormerMember() {
        ArticleId de = create("Drucker druckt nicht", Locale.GERMAN);
        ArticleId en = create("Printer does not print", Locale.ENGLISH);
        ArticleId fr = create("L'imprimante n'imprime pas", Locale.FRENCH);
        store.commit(List.of(new Mutation.PutTranslation(de, en), new Mutation.PutTranslation(en, fr)));

        long before = store.lastSequence();
        store.commit(List.of(new Mutation.RemoveTranslation(fr)));
        assertThat(contentChangesAfter(before)).containsExactlyInAnyOrder(de, en, fr);
        assertThat(store.article(fr).orElseThrow().translations()).isEmpty();
        assertThat(store.article(de).orElseThrow().translations()).isEqualTo(Map.of(Locale.ENGLISH, en));

        before = store.lastSequence();
        store.commit(List.of(new Mutation.RemoveTranslation(en)));
        assertThat(contentChangesAfter(before)).containsExactlyInAnyOrder(de, en);
        assertThat(store.article(de).orElseThrow().translations()).isEmpty();
        assertThat(store.article(en).orElseThrow().translations()).isEmpty();

        // An article without translations stays as it is: no feed entry. The French one may join German again.
        before = store.lastSequence();
        store.commit(List.of(new Mutation.RemoveTranslation(en)));
        assertThat(store.lastSequence()).isEqualTo(before);
        store.commit(List.of(new Mutation.PutTranslation(fr, de)));
        assertThat(store.article(de).orElseThrow().translations()).isEqualTo(Map.of(Locale.FRENCH, fr));
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.RemoveTranslation(ArticleId.of("KB-404")))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void purge_takesTheArticleOutOfItsTranslationGroup_andFeedsTheOthers() {
        ArticleId de = create("Drucker druckt nicht", Locale.GERMAN);
        ArticleId en = create("Printer does not print", Locale.ENGLISH);
        ArticleId fr = create("L'imprimante n'imprime pas", Locale.FRENCH);
        store.commit(List.of(new Mutation.PutTranslation(de, en), new Mutation.PutTranslation(de, fr)));

        long before = store.lastSequence();
        long last = store.commit(
                List.of(new Mutation.Purge(AuditEntry.purge(T0.plusSeconds(9), ADMIN, fr, "GDPR ticket 43"))));
        assertThat(last).isEqualTo(before + 3);
        assertThat(contentChangesAfter(before)).containsExactly(fr, de, en);
        assertThat(store.article(de).orElseThrow().translations()).isEqualTo(Map.of(Locale.ENGLISH, en));

        store.commit(List.of(new Mutation.Purge(AuditEntry.purge(T0.plusSeconds(10), ADMIN, en, "GDPR ticket 44"))));
        assertThat(store.article(de).orElseThrow().translations()).isEmpty();
    }

    // ---- Browse (the Evolve Loop's listings) ----------------------------------------------------------------------

    private static final Visibility EVERYTHING_VISIBLE = new Visibility(
            Viewer.agent(AGENT),
            java.util.Arrays.stream(ArticleState.values())
                    .flatMap(
                            s -> java.util.Arrays.stream(Audience.values()).map(a -> new Visibility.Grant(s, a, false)))
                    .collect(java.util.stream.Collectors.toSet()));

    /** Stores an article captured by {@code author} at {@code at} with the given state, audience and content. */
    protected ArticleId putArticle(
            String title,
            ArticleState state,
            Audience audience,
            String product,
            Locale language,
            Instant at,
            String author,
            String... tags) {
        ArticleId id = store.allocateId();
        var content = new ArticleContent(
                title,
                "Problem",
                new Environment(Map.of("product", product), ""),
                "Lösung",
                "",
                language,
                Set.of(tags));
        store.commit(List.of(new Mutation.AppendRevision(new Revision(
                id,
                1,
                content,
                state,
                audience,
                Optional.empty(),
                Actor.contributor(author),
                at,
                RevisionKind.CAPTURED,
                ""))));
        return id;
    }

    private List<ArticleId> browseIds(org.kcskb.browse.BrowseRequest request, Visibility visibility) {
        return store.browse(request, visibility, Optional.empty(), request.limit()).stream()
                .map(org.kcskb.browse.ArticleSummary::id)
                .toList();
    }

    @Test
    void browse_environmentFilters_matchWholeValues_whateverTheirCharacters() {
        Map<String, ArticleId> byProduct = new LinkedHashMap<>();
        List<String> products =
                List.of("P3", "P30", "XP3", "50% off_sale!", "50x offXsale!", "a\\b", "line\nbreak", "é");
        for (int i = 0; i < products.size(); i++) {
            String product = products.get(i);
            ArticleId id = store.allocateId();
            var attributes = new java.util.TreeMap<String, String>(Map.of("product", product, "version", "v" + i));
            if (i % 2 == 0) {
                attributes.put("aaa", "first");
            }
            var content = new ArticleContent(
                    "Title " + i, "Problem", new Environment(attributes, ""), "Lösung", "", Locale.GERMAN, Set.of());
            store.commit(List.of(new Mutation.AppendRevision(new Revision(
                    id,
                    1,
                    content,
                    ArticleState.VALIDATED,
                    Audience.PUBLIC,
                    Optional.empty(),
                    Actor.contributor("agent-1"),
                    T0.plusSeconds(i),
                    RevisionKind.CAPTURED,
                    ""))));
            byProduct.put(product, id);
        }
        for (String product : products) {
            var request = org.kcskb.browse.BrowseRequest.builder()
                    .product(product)
                    .limit(50)
                    .build();
            assertThat(browseIds(request, EVERYTHING_VISIBLE))
                    .as("product '" + product + "'")
                    .containsExactly(byProduct.get(product));
            assertThat(store.browseCounts(request, EVERYTHING_VISIBLE).total())
                    .as("count of product '" + product + "'")
                    .isEqualTo(1);
        }
        var twoAttributes = org.kcskb.browse.BrowseRequest.builder()
                .product("P30")
                .environment("version", "v1")
                .limit(50)
                .build();
        assertThat(browseIds(twoAttributes, EVERYTHING_VISIBLE)).containsExactly(byProduct.get("P30"));
        var mismatched = org.kcskb.browse.BrowseRequest.builder()
                .product("P30")
                .environment("version", "v0")
                .limit(50)
                .build();
        assertThat(browseIds(mismatched, EVERYTHING_VISIBLE)).isEmpty();
        assertThat(browseIds(
                        org.kcskb.browse.BrowseRequest.builder()
                                .product("P")
                                .limit(50)
                                .build(),
                        EVERYTHING_VISIBLE))
                .as("a prefix of a product is not the product")
                .isEmpty();
    }

    @Test
    void browse_filtersSortAndSummaries() {
        ArticleId printer = putArticle(
                "Drucker druckt nicht",
                ArticleState.NOT_VALIDATED,
                Audience.INTERNAL,
                "Acme Print",
                Locale.GERMAN,
                T0,
                "agent-7",
                "drucker",
                "windows");
        ArticleId vpn = putArticle(
                "VPN trennt",
                ArticleState.VALIDATED,
                Audience.PUBLIC,
                "Acme VPN",
                Locale.GERMAN,
                T0.plusSeconds(10),
                "agent-8",
                "vpn");
        ArticleId scanner = putArticle(
                "Scanner scans blank pages",
                ArticleState.WORK_IN_PROGRESS,
                Audience.PARTNER,
                "Acme Print",
                Locale.ENGLISH,
                T0.plusSeconds(20),
                "agent-7",
                "scanner",
                "windows");
        ArticleId old = putArticle(
                "Fax",
                ArticleState.ARCHIVED,
                Audience.INTERNAL,
                "Acme Fax",
                Locale.GERMAN,
                T0.plusSeconds(30),
                "agent-9");
        store.commit(List.of(
                new Mutation.PutLink(
                        new CaseLink(printer, CaseId.of("C-1"), LinkType.RESOLUTION, 1, "a", T0.plusSeconds(100))),
                new Mutation.PutLink(
                        new CaseLink(printer, CaseId.of("C-2"), LinkType.RESOLUTION, 1, "a", T0.plusSeconds(200))),
                new Mutation.PutLink(
                        new CaseLink(vpn, CaseId.of("C-3"), LinkType.RESOLUTION, 1, "a", T0.plusSeconds(150))),
                new Mutation.PutFlag(
                        new Flag("f-1", scanner, FlagReason.OUTDATED, "", "a", T0.plusSeconds(300), Optional.empty())),
                new Mutation.PutFlag(
                        new Flag("f-2", scanner, FlagReason.UNCLEAR, "", "a", T0.plusSeconds(250), Optional.empty())),
                new Mutation.PutFlag(
                        new Flag("f-3", vpn, FlagReason.UNCLEAR, "", "a", T0.plusSeconds(50), Optional.empty())
                                .resolve("p", T0.plusSeconds(60), "ok")),
                new Mutation.AddViews(vpn, 7),
                new Mutation.AddFeedback(new Feedback("fb-1", vpn, true, "", "public", T0.plusSeconds(70)))));
        var all = org.kcskb.browse.BrowseRequest.builder();

        assertThat(browseIds(all.build(), EVERYTHING_VISIBLE)).containsExactly(old, scanner, vpn, printer);
        assertThat(browseIds(
                        all.sort(org.kcskb.browse.BrowseRequest.Sort.TITLE, false)
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer, old, scanner, vpn);
        assertThat(browseIds(
                        all.sort(org.kcskb.browse.BrowseRequest.Sort.REUSE_COUNT, true)
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn, old, scanner);
        assertThat(browseIds(
                        all.sort(org.kcskb.browse.BrowseRequest.Sort.LAST_REUSED, true)
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn, old, scanner);
        assertThat(browseIds(
                        all.sort(org.kcskb.browse.BrowseRequest.Sort.ID, false)
                                .limit(2)
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn);
        var base = org.kcskb.browse.BrowseRequest.builder().sort(org.kcskb.browse.BrowseRequest.Sort.CREATED, false);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .states(ArticleState.NOT_VALIDATED, ArticleState.VALIDATED)
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn);
        assertThat(browseIds(
                        base.build().toBuilder().audiences(Audience.PARTNER).build(), EVERYTHING_VISIBLE))
                .containsExactly(scanner);
        assertThat(browseIds(base.build().toBuilder().author("agent-7").build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, scanner);
        assertThat(browseIds(base.build().toBuilder().product("Acme Print").build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, scanner);
        assertThat(browseIds(
                        base.build().toBuilder().tag("windows").tag("drucker").build(), EVERYTHING_VISIBLE))
                .containsExactly(printer);
        assertThat(browseIds(base.build().toBuilder().languages(Locale.ENGLISH).build(), EVERYTHING_VISIBLE))
                .containsExactly(scanner);
        assertThat(browseIds(base.build().toBuilder().openFlags(true).build(), EVERYTHING_VISIBLE))
                .containsExactly(scanner);
        assertThat(browseIds(base.build().toBuilder().openFlags(false).build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn, old);
        assertThat(browseIds(base.build().toBuilder().minReuseCount(1).build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, vpn);
        assertThat(browseIds(base.build().toBuilder().maxViewCount(6).build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, scanner, old);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .created(org.kcskb.browse.TimeRange.between(T0.plusSeconds(10), T0.plusSeconds(30)))
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(vpn, scanner);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .updated(org.kcskb.browse.TimeRange.before(T0.plusSeconds(10)))
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .lastReused(org.kcskb.browse.TimeRange.since(T0.plusSeconds(160)))
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(printer);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .notReusedSince(T0.plusSeconds(160))
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(vpn, scanner, old);
        assertThat(browseIds(
                        base.build().toBuilder()
                                .oldestOpenFlag(org.kcskb.browse.TimeRange.before(T0.plusSeconds(260)))
                                .build(),
                        EVERYTHING_VISIBLE))
                .containsExactly(scanner);

        var reused =
                store.browseCounts(base.build().toBuilder().minReuseCount(1).build(), EVERYTHING_VISIBLE);
        assertThat(reused.total()).isEqualTo(2);
        assertThat(reused.state(ArticleState.NOT_VALIDATED)).isEqualTo(1);
        assertThat(reused.audience(Audience.PUBLIC)).isEqualTo(1);
        assertThat(store.browseCounts(base.build().toBuilder().openFlags(true).build(), EVERYTHING_VISIBLE)
                        .byState())
                .containsEntry(ArticleState.WORK_IN_PROGRESS, 1L)
                .containsEntry(ArticleState.VALIDATED, 0L);
        var windows = store.browseCounts(base.build().toBuilder().tag("windows").build(), EVERYTHING_VISIBLE);
        assertThat(windows.total()).isEqualTo(2);
        assertThat(windows.audience(Audience.PARTNER)).isEqualTo(1);
        assertThat(store.browseCounts(base.build().toBuilder().maxViewCount(6).build(), EVERYTHING_VISIBLE)
                        .total())
                .isEqualTo(3);
        assertThat(browseIds(base.build().toBuilder().maxFeedbackCount(0).build(), EVERYTHING_VISIBLE))
                .containsExactly(printer, scanner, old);

        var summaries = store.browse(base.build(), EVERYTHING_VISIBLE, Optional.empty(), 10);
        assertThat(summaries.get(0))
                .isEqualTo(new org.kcskb.browse.ArticleSummary(
                        printer,
                        "Drucker druckt nicht",
                        ArticleState.NOT_VALIDATED,
                        Audience.INTERNAL,
                        Locale.GERMAN,
                        "agent-7",
                        Optional.of("Acme Print"),
                        T0,
                        T0,
                        2,
                        Optional.of(T0.plusSeconds(200)),
                        0,
                        Optional.empty(),
                        0,
                        0));
        assertThat(summaries.get(1).viewCount()).isEqualTo(7);
        assertThat(summaries.get(1).feedbackCount()).isEqualTo(1);
        assertThat(summaries.get(1).openFlags()).isZero();
        assertThat(summaries.get(2).openFlags()).isEqualTo(2);
        assertThat(summaries.get(2).oldestOpenFlag()).contains(T0.plusSeconds(250));

        // The summary the default SPI builds from article(), links() and flags() agrees with the store's own.
        for (var summary : summaries) {
            assertThat(org.kcskb.browse.ArticleSummary.of(
                            store.article(summary.id()).orElseThrow(),
                            store.links(summary.id()),
                            store.flags(summary.id())))
                    .isEqualTo(summary);
        }
    }

    @Test
    void browse_visibilityDecidesWhatIsListedAndCounted() {
        ArticleId pub =
                putArticle("Public", ArticleState.VALIDATED, Audience.PUBLIC, "P", Locale.GERMAN, T0, "agent-7");
        ArticleId partner = putArticle(
                "Partner", ArticleState.VALIDATED, Audience.PARTNER, "P", Locale.GERMAN, T0.plusSeconds(1), "agent-7");
        putArticle(
                "Internal",
                ArticleState.VALIDATED,
                Audience.INTERNAL,
                "P",
                Locale.GERMAN,
                T0.plusSeconds(2),
                "agent-7");
        ArticleId mine = putArticle(
                "Draft of agent-8",
                ArticleState.WORK_IN_PROGRESS,
                Audience.INTERNAL,
                "P",
                Locale.GERMAN,
                T0.plusSeconds(3),
                "agent-8");
        putArticle(
                "Draft of agent-7",
                ArticleState.WORK_IN_PROGRESS,
                Audience.INTERNAL,
                "P",
                Locale.GERMAN,
                T0.plusSeconds(4),
                "agent-7");
        var request = org.kcskb.browse.BrowseRequest.builder()
                .sort(org.kcskb.browse.BrowseRequest.Sort.CREATED, false)
                .build();

        var publicView = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
        assertThat(browseIds(request, publicView)).containsExactly(pub);
        var counts = store.browseCounts(request, publicView);
        assertThat(counts.total()).isEqualTo(1);
        assertThat(counts.state(ArticleState.VALIDATED)).isEqualTo(1);
        assertThat(counts.state(ArticleState.WORK_IN_PROGRESS)).isZero();
        assertThat(counts.audience(Audience.INTERNAL)).isZero();

        var partnerView = VisibilityPolicy.kcsDefault().visibleTo(Viewer.partner("acme"), false);
        assertThat(browseIds(request, partnerView)).containsExactly(pub, partner);
        assertThat(store.browseCounts(request, partnerView).byAudience())
                .containsEntry(Audience.PUBLIC, 1L)
                .containsEntry(Audience.PARTNER, 1L)
                .containsEntry(Audience.INTERNAL, 0L);

        var ownOnly = new Visibility(
                Viewer.agent(Actor.contributor("agent-8")),
                Set.of(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, true)));
        assertThat(browseIds(request, ownOnly)).containsExactly(mine);

        var agentCounts = store.browseCounts(request, EVERYTHING_VISIBLE);
        assertThat(agentCounts.total()).isEqualTo(5);
        assertThat(agentCounts.state(ArticleState.WORK_IN_PROGRESS)).isEqualTo(2);
        assertThat(agentCounts.audience(Audience.INTERNAL)).isEqualTo(3);
        assertThat(store.browseCounts(request.toBuilder().product("Q").build(), EVERYTHING_VISIBLE)
                        .total())
                .isZero();
    }

    @Test
    void browse_keysetPaging_hasNoGapsOrDuplicatesWhileArticlesChange() {
        var originals = new ArrayList<ArticleId>();
        for (int i = 0; i < 23; i++) {
            ArticleId id = putArticle(
                    "Article " + i,
                    ArticleState.NOT_VALIDATED,
                    Audience.INTERNAL,
                    "P",
                    Locale.GERMAN,
                    T0.plusSeconds(i % 5),
                    "agent-7");
            originals.add(id);
            for (int c = 0; c < i % 4; c++) {
                store.commit(List.of(new Mutation.PutLink(
                        new CaseLink(id, CaseId.of("C-" + i + "-" + c), LinkType.RESOLUTION, 1, "a", T0))));
            }
        }
        for (boolean descending : new boolean[] {true, false}) {
            for (var sort : org.kcskb.browse.BrowseRequest.Sort.values()) {
                var request = org.kcskb.browse.BrowseRequest.builder()
                        .sort(sort, descending)
                        .limit(4)
                        .build();
                var seen = new ArrayList<org.kcskb.browse.ArticleSummary>();
                Optional<org.kcskb.browse.BrowseCursor> after = Optional.empty();
                int pages = 0;
                while (true) {
                    var page = store.browse(request, EVERYTHING_VISIBLE, after, 4);
                    seen.addAll(page);
                    pages++;
                    // Between pages, articles are captured (some sort before the cursor): keyset paging neither
                    // repeats nor skips the articles whose sort key did not change, as an offset would.
                    putArticle(
                            "Newcomer " + pages,
                            ArticleState.NOT_VALIDATED,
                            Audience.INTERNAL,
                            "P",
                            Locale.GERMAN,
                            T0.plusSeconds(2),
                            "agent-7");
                    if (page.size() < 4) {
                        break;
                    }
                    after = Optional.of(org.kcskb.browse.BrowseCursor.after(sort, descending, page.getLast()));
                }
                var ids = seen.stream().map(org.kcskb.browse.ArticleSummary::id).toList();
                assertThat(ids).doesNotHaveDuplicates();
                assertThat(ids).containsAll(originals);
                assertThat(seen).isSortedAccordingTo(request.comparator());
            }
        }
    }

    // ---- Known-issue notices ----------------------------------------------------------------------------------

    private static org.kcskb.notice.Notice notice(String id, int startSecond, org.kcskb.article.Audience audience) {
        var texts = new java.util.LinkedHashMap<Locale, org.kcskb.notice.NoticeText>();
        // English first: the order of languages is kept (the first is the fallback).
        texts.put(Locale.ENGLISH, new org.kcskb.notice.NoticeText("Printer stops after KB5034", "Uninstall it.\nThen"));
        texts.put(
                Locale.GERMAN, new org.kcskb.notice.NoticeText("Drucker druckt nach KB5034 nicht", "größe \\ o'brien"));
        return new org.kcskb.notice.Notice(
                org.kcskb.notice.NoticeId.of(id),
                texts,
                List.of("Windows 11", "Acme Print"),
                List.of(),
                List.of("drucker druckt nicht", "c:\\spool\nline"),
                audience,
                T0.plusSeconds(startSecond),
                T0.plusSeconds(startSecond + 7200),
                Optional.of(ArticleId.of("KB-1")),
                true,
                COACH,
                T0);
    }

    @Test
    void notices_publishAndEnd_roundTripExactly_withAuditAndFeed() {
        ArticleId a = create("A");
        var first = notice("N-1", 0, org.kcskb.article.Audience.PUBLIC);
        var second = new org.kcskb.notice.Notice(
                org.kcskb.notice.NoticeId.of("N-2"),
                java.util.Map.of(Locale.GERMAN, new org.kcskb.notice.NoticeText("VPN", "")),
                List.of("VPN Client"),
                List.of("Windows 10"),
                List.of("vpn"),
                org.kcskb.article.Audience.INTERNAL,
                T0,
                T0.plusSeconds(60),
                Optional.empty(),
                false,
                COACH,
                T0.plusSeconds(1));
        assertThat(store.notices()).isEmpty();
        long published = store.putNotice(
                first,
                new org.kcskb.notice.NoticeChange(
                        T0, COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, first.id()));
        store.putNotice(
                second,
                new org.kcskb.notice.NoticeChange(
                        T0.plusSeconds(1), COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, second.id()));
        assertThat(store.notices()).containsExactly(first, second);
        assertThat(store.notices().getFirst().languages()).containsExactly(Locale.ENGLISH, Locale.GERMAN);

        Actor other = Actor.administrator("admin-2");
        var ended = first.endedAt(T0.plusSeconds(30));
        long end = store.putNotice(
                ended,
                new org.kcskb.notice.NoticeChange(
                        T0.plusSeconds(30), other, org.kcskb.notice.NoticeChange.Action.ENDED, first.id()));
        assertThat(store.notices()).containsExactly(ended, second);
        assertThat(store.noticeAudit())
                .containsExactly(
                        new org.kcskb.notice.NoticeChange(
                                T0, COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, first.id()),
                        new org.kcskb.notice.NoticeChange(
                                T0.plusSeconds(1), COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, second.id()),
                        new org.kcskb.notice.NoticeChange(
                                T0.plusSeconds(30), other, org.kcskb.notice.NoticeChange.Action.ENDED, first.id()));
        assertThat(published).isEqualTo(2);
        assertThat(end).isEqualTo(4).isEqualTo(store.lastSequence());
        assertThat(store.changesAfter(1, 10))
                .extracting(Change::articleId, Change::kind)
                .containsOnly(tuple(Change.NOTICE_SUBJECT, Change.Kind.NOTICE));
        assertThat(store.article(a)).isPresent();

        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isPresent()) {
            store = reopened.get();
            assertThat(store.notices()).containsExactly(ended, second);
            assertThat(store.noticeAudit()).hasSize(3);
        }
    }

    @Test
    void putNotice_duplicateOrUnknown_isRefused_andWritesNothing() {
        var first = notice("N-1", 0, org.kcskb.article.Audience.PUBLIC);
        store.putNotice(
                first,
                new org.kcskb.notice.NoticeChange(
                        T0, COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, first.id()));
        long sequence = store.lastSequence();
        assertThatThrownBy(() -> store.putNotice(
                        first,
                        new org.kcskb.notice.NoticeChange(
                                T0, COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, first.id())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N-1");
        var unknown = notice("N-9", 0, org.kcskb.article.Audience.PUBLIC);
        assertThatThrownBy(() -> store.putNotice(
                        unknown,
                        new org.kcskb.notice.NoticeChange(
                                T0, COACH, org.kcskb.notice.NoticeChange.Action.ENDED, unknown.id())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("N-9");
        assertThat(store.lastSequence()).isEqualTo(sequence);
        assertThat(store.notices()).containsExactly(first);
        assertThat(store.noticeAudit()).hasSize(1);
    }

    @Test
    void noticeCounts_addUp_perNotice_andCountsOfUnknownNoticesAreDropped() {
        var first = notice("N-1", 0, org.kcskb.article.Audience.PUBLIC);
        var second = notice("N-2", 5, org.kcskb.article.Audience.PARTNER);
        for (var n : List.of(first, second)) {
            store.putNotice(
                    n,
                    new org.kcskb.notice.NoticeChange(
                            T0, COACH, org.kcskb.notice.NoticeChange.Action.PUBLISHED, n.id()));
        }
        long sequence = store.lastSequence();
        assertThat(store.noticeStats()).isEmpty();
        store.addNoticeCounts(List.of(
                new org.kcskb.notice.NoticeStats(first.id(), 10, 3),
                new org.kcskb.notice.NoticeStats(org.kcskb.notice.NoticeId.of("N-404"), 5, 5)));
        store.addNoticeCounts(List.of(new org.kcskb.notice.NoticeStats(first.id(), 2, 1)));
        store.addNoticeCounts(List.of(new org.kcskb.notice.NoticeStats(second.id(), 0, 1)));
        assertThat(store.noticeStats())
                .containsExactlyInAnyOrder(
                        new org.kcskb.notice.NoticeStats(first.id(), 12, 4),
                        new org.kcskb.notice.NoticeStats(second.id(), 0, 1));
        assertThat(store.lastSequence()).as("counts are not announced").isEqualTo(sequence);
    }

    // ---- Content health -------------------------------------------------------------------------------

    @Test
    void scanActivity_handsEveryArticleWithWhatTheSingleReadsReturn_inIdOrder() {
        ArticleId first = create("Health one");
        ArticleId second = create("Health two");
        ArticleId third = create("Health three");
        store.commit(List.of(new Mutation.AppendRevision(revision(second, 2, content("Health two, revised")))));
        store.commit(List.of(
                new Mutation.PutLink(
                        new CaseLink(first, CaseId.of("C-2"), LinkType.REFERENCE, 1, "b", T0.plusSeconds(9))),
                new Mutation.PutLink(
                        new CaseLink(first, CaseId.of("C-1"), LinkType.RESOLUTION, 1, "a", T0.plusSeconds(3))),
                new Mutation.PutLink(new CaseLink(third, CaseId.of("C-1"), LinkType.RESOLUTION, 1, "a", T0))));
        var open = new Flag("f-open", first, FlagReason.INCOMPLETE, "x", "c", T0.plusSeconds(7), Optional.empty());
        var early = new Flag("f-early", first, FlagReason.OUTDATED, "", "c", T0.plusSeconds(2), Optional.empty());
        store.commit(List.of(new Mutation.PutFlag(open), new Mutation.PutFlag(early)));
        store.commit(List.of(new Mutation.PutFlag(early.resolve("d", T0.plusSeconds(60), "fixed"))));
        store.commit(List.of(
                new Mutation.AddFeedback(new Feedback("b-2", second, false, "no", "public", T0.plusSeconds(5))),
                new Mutation.AddFeedback(new Feedback("b-1", second, true, "", "p-1", T0.plusSeconds(4)))));
        store.commit(List.of(new Mutation.AddViews(third, 3)));

        var seen = new ArrayList<ArticleActivity>();
        store.scanActivity(seen::add);

        assertThat(seen).extracting(a -> a.article().id()).containsExactly(first, second, third);
        for (ArticleActivity activity : seen) {
            ArticleId id = activity.article().id();
            assertThat(activity.article())
                    .isEqualTo(store.article(id).orElseThrow().withTranslations(Map.of()));
            assertThat(activity.links()).isEqualTo(store.links(id));
            assertThat(activity.flags()).isEqualTo(store.flags(id));
            assertThat(activity.feedback()).isEqualTo(store.feedback(id));
        }
        assertThat(seen.get(0).flags()).extracting(Flag::id).containsExactly("f-early", "f-open");
        assertThat(seen.get(0).article().signals()).isEqualTo(new Signals(2, 0, 0, 0, 1));
        assertThat(seen.get(1).article().revision()).isEqualTo(2);
        assertThat(seen.get(1).article().signals()).isEqualTo(new Signals(0, 0, 1, 1, 0));
        assertThat(seen.get(2).article().signals().viewCount()).isEqualTo(3);
    }

    @Test
    void articles_readManyAtOnce_asTheSingleReadsWithoutTranslations_leavingOutUnknownIds() {
        ArticleId first = create("Batch one");
        ArticleId second = create("Batch two");
        store.commit(List.of(new Mutation.AppendRevision(revision(second, 2, content("Batch two, revised")))));
        store.commit(List.of(
                new Mutation.PutLink(
                        new CaseLink(second, CaseId.of("C-9"), LinkType.RESOLUTION, 1, "a", T0.plusSeconds(3))),
                new Mutation.PutFlag(
                        new Flag("f-b", second, FlagReason.OUTDATED, "", "c", T0.plusSeconds(2), Optional.empty())),
                new Mutation.AddViews(first, 2)));
        var ids = new ArrayList<ArticleId>();
        for (int i = 0; i < 600; i++) {
            ids.add(ArticleId.of("KB-missing-" + i));
        }
        ids.add(second);
        ids.add(first);
        ids.add(second);

        Map<ArticleId, Article> read = store.articles(ids);

        assertThat(read).containsOnlyKeys(first, second);
        assertThat(read.get(first)).isEqualTo(store.article(first).orElseThrow().withTranslations(Map.of()));
        assertThat(read.get(second))
                .isEqualTo(store.article(second).orElseThrow().withTranslations(Map.of()));
        assertThat(read.get(second).revision()).isEqualTo(2);
        assertThat(read.get(second).signals()).isEqualTo(new Signals(1, 0, 0, 0, 1));
        assertThat(store.articles(List.of())).isEmpty();
    }

    @Test
    void scanActivity_onEmptyStore_handsNothing() {
        var seen = new ArrayList<ArticleActivity>();
        store.scanActivity(seen::add);
        assertThat(seen).isEmpty();
    }

    @Test
    void caseClosures_roundTripExactly_replaceByCase_andFilterByClosingInstant() {
        ArticleId a = create("Closure one");
        ArticleId b = create("Closure two");
        var linked = new org.kcskb.health.CaseClosure(
                CaseId.of("CASE-ä1"), "agent-7", T0, T0.plusSeconds(10), List.of(b, a), List.of(a));
        var unlinked = new org.kcskb.health.CaseClosure(
                CaseId.of("CASE-2"), "agent-8", T0.minusSeconds(5), T0.plusSeconds(20), List.of(), List.of());
        var sameInstant = new org.kcskb.health.CaseClosure(
                CaseId.of("CASE-0"), "agent-8", T0, T0.plusSeconds(20), List.of(a), List.of());
        store.putCaseClosure(linked);
        store.putCaseClosure(unlinked);
        store.putCaseClosure(sameInstant);

        var any = org.kcskb.browse.TimeRange.any();
        assertThat(store.caseClosures(any)).containsExactly(linked, sameInstant, unlinked);
        assertThat(store.caseClosures(org.kcskb.browse.TimeRange.between(T0.plusSeconds(10), T0.plusSeconds(20))))
                .containsExactly(linked);
        assertThat(store.caseClosures(org.kcskb.browse.TimeRange.since(T0.plusNanos(10_000_001_000L))))
                .containsExactly(sameInstant, unlinked);
        assertThat(store.caseClosures(org.kcskb.browse.TimeRange.before(T0))).isEmpty();

        // Closed again (reopened, or the host retried): the latest closure replaces the earlier one.
        var again = new org.kcskb.health.CaseClosure(
                CaseId.of("CASE-ä1"), "agent-9", T0, T0.plusSeconds(30), List.of(), List.of());
        store.putCaseClosure(again);
        assertThat(store.caseClosures(any)).containsExactly(sameInstant, unlinked, again);

        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(store.caseClosures(any)).containsExactly(sameInstant, unlinked, again);
    }

    @Test
    void flagsRaised_returnsFlagsRaisedInTheRange_resolvedToo_inRaisedOrder() {
        ArticleId a = create("Flagged one");
        ArticleId b = create("Flagged two");
        var late = new Flag("f-late", a, FlagReason.OUTDATED, "", "c", T0.plusSeconds(20), Optional.empty());
        var tieB = new Flag("f-tie-b", b, FlagReason.INCOMPLETE, "x", "c", T0.plusSeconds(10), Optional.empty());
        var tieA = new Flag("f-tie-a", a, FlagReason.INCORRECT, "y", "d", T0.plusSeconds(10), Optional.empty());
        var early = new Flag("f-early", b, FlagReason.OUTDATED, "", "c", T0.minusSeconds(1), Optional.empty());
        var edge = new Flag("f-edge", a, FlagReason.OUTDATED, "", "c", T0.plusNanos(20_000_000_001L), Optional.empty());
        store.commit(List.of(
                new Mutation.PutFlag(late),
                new Mutation.PutFlag(tieB),
                new Mutation.PutFlag(tieA),
                new Mutation.PutFlag(early),
                new Mutation.PutFlag(edge)));
        Flag resolved = tieB.resolve("e", T0.plusSeconds(60), "fixed");
        store.commit(List.of(new Mutation.PutFlag(resolved)));

        assertThat(store.flagsRaised(org.kcskb.browse.TimeRange.any()))
                .containsExactly(early, tieA, resolved, late, edge);
        assertThat(store.flagsRaised(org.kcskb.browse.TimeRange.between(T0, T0.plusSeconds(20))))
                .containsExactly(tieA, resolved);
        assertThat(store.flagsRaised(org.kcskb.browse.TimeRange.since(T0.plusSeconds(20))))
                .containsExactly(late, edge);
        assertThat(store.flagsRaised(org.kcskb.browse.TimeRange.before(T0))).containsExactly(early);
        assertThat(store.flagsRaised(org.kcskb.browse.TimeRange.since(T0.plusSeconds(21))))
                .isEmpty();

        // The SPI's default (paging through the articles) reads the same as the store's own.
        ArticleStore viaDefault = (ArticleStore) java.lang.reflect.Proxy.newProxyInstance(
                ArticleStore.class.getClassLoader(), new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("flagsRaised")) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        for (var range : List.of(
                org.kcskb.browse.TimeRange.any(),
                org.kcskb.browse.TimeRange.between(T0, T0.plusSeconds(20)),
                org.kcskb.browse.TimeRange.since(T0.plusSeconds(20)))) {
            assertThat(viaDefault.flagsRaised(range)).isEqualTo(store.flagsRaised(range));
        }
    }

    // ---- Text format -------------------------------------------------------------------------------------------

    @Test
    void textFormat_isStoredPerRevision_andKeptByHistoryRedactionAndReopen() {
        ArticleId id = store.allocateId();
        ArticleContent markdown = content("Drucker druckt nicht")
                .withResolution("1. Treiber von [der Downloadseite](https://acme.example/dl) laden\n2. Installieren")
                .withFormat(TextFormat.MARKDOWN);
        Revision first = revision(id, 1, markdown);
        Revision second = revision(id, 2, markdown.withFormat(TextFormat.PLAIN));
        Revision third = revision(id, 3, markdown.withCause("**Alter** Treiber"));
        store.commit(List.of(new Mutation.AppendRevision(first)));
        store.commit(List.of(new Mutation.AppendRevision(second)));
        store.commit(List.of(new Mutation.AppendRevision(third)));

        assertThat(store.article(id).orElseThrow().content().format()).isEqualTo(TextFormat.MARKDOWN);
        assertThat(store.revisions(id))
                .extracting(r -> r.content().format())
                .containsExactly(TextFormat.MARKDOWN, TextFormat.PLAIN, TextFormat.MARKDOWN);
        assertThat(store.revisions(id)).containsExactly(first, second, third);
        assertThat(store.revision(id, 2)).contains(second);

        var fields = Set.of(RevisionField.CAUSE);
        Revision redacted = RevisionField.redact(third, fields);
        store.commit(List.of(
                new Mutation.Redact(redacted, AuditEntry.redact(T0.plusSeconds(9), ADMIN, id, 3, fields, "t"))));
        assertThat(store.revision(id, 3).orElseThrow().content().format()).isEqualTo(TextFormat.MARKDOWN);
        assertThat(store.article(id).orElseThrow().content()).isEqualTo(redacted.content());

        var before = store.article(id).orElseThrow();
        Optional<ArticleStore> reopened = reopen(store);
        if (reopened.isEmpty()) {
            return;
        }
        store = reopened.get();
        assertThat(store.article(id)).contains(before);
        assertThat(store.revisions(id))
                .extracting(r -> r.content().format())
                .containsExactly(TextFormat.MARKDOWN, TextFormat.PLAIN, TextFormat.MARKDOWN);
    }

    // ---- Source ids (bulk import) ---------------------------------------------------------------------------

    @Test
    void sourceId_committedWithTheFirstRevision_isFoundBothWays_andAddsNoFeedEntry() {
        ArticleId id = store.allocateId();
        ArticleId other = create("Not imported");
        long before = store.lastSequence();

        long last = store.commit(List.of(
                new Mutation.AppendRevision(revision(id, 1, content("Imported"))),
                new Mutation.PutSourceId(id, "ZD-1042")));

        assertThat(last).isEqualTo(before + 1);
        assertThat(store.changesAfter(before, 10)).singleElement().satisfies(c -> {
            assertThat(c.articleId()).isEqualTo(id);
            assertThat(c.kind()).isEqualTo(Change.Kind.CONTENT);
        });
        assertThat(store.articlesBySourceId(List.of("ZD-1042", "ZD-9999"))).isEqualTo(Map.of("ZD-1042", id));
        assertThat(store.sourceIds(List.of(id, other))).isEqualTo(Map.of(id, "ZD-1042"));
        assertThat(store.articlesBySourceId(List.of())).isEmpty();
        reopen(store).ifPresent(reopened -> {
            store = reopened;
            assertThat(store.articlesBySourceId(List.of("ZD-1042"))).isEqualTo(Map.of("ZD-1042", id));
            assertThat(store.sourceIds(List.of(id))).isEqualTo(Map.of(id, "ZD-1042"));
        });
    }

    @Test
    void sourceId_isExact_andManyAreReadInOneCall() {
        var expected = new LinkedHashMap<String, ArticleId>();
        var mutations = new ArrayList<Mutation>();
        for (int i = 0; i < 1200; i++) {
            ArticleId id = store.allocateId();
            mutations.add(new Mutation.AppendRevision(revision(id, 1, content("Imported " + i))));
            mutations.add(new Mutation.PutSourceId(id, "src-" + i + (i % 2 == 0 ? "-Ä" : "-a")));
            expected.put("src-" + i + (i % 2 == 0 ? "-Ä" : "-a"), id);
        }
        store.commit(mutations);

        assertThat(store.articlesBySourceId(expected.keySet())).isEqualTo(expected);
        assertThat(store.sourceIds(expected.values())).hasSize(1200);
        // Neither case nor accents are folded: a source id is an identifier.
        assertThat(store.articlesBySourceId(List.of("SRC-0-Ä", "src-0-A", "src-0-ä", "src-1-A")))
                .isEmpty();
    }

    @Test
    void sourceId_repeatingTheSameMapping_changesNothing_butAnotherMappingFails_andRollsBack() {
        ArticleId id = store.allocateId();
        store.commit(List.of(
                new Mutation.AppendRevision(revision(id, 1, content("Imported"))),
                new Mutation.PutSourceId(id, "ZD-1")));
        ArticleId second = create("Second");

        store.commit(List.of(new Mutation.PutSourceId(id, "ZD-1")));
        assertThat(store.articlesBySourceId(List.of("ZD-1"))).isEqualTo(Map.of("ZD-1", id));

        // The same source id for another article: the whole commit fails, the revision too.
        assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.AppendRevision(revision(second, 2, content("Second, revised"))),
                        new Mutation.PutSourceId(second, "ZD-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZD-1")
                .hasMessageContaining(id.value());
        assertThat(store.revisions(second)).hasSize(1);
        // Another source id for an article that has one.
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutSourceId(id, "ZD-2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZD-1");
        // Two articles for one source id within one commit.
        ArticleId third = store.allocateId();
        assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.AppendRevision(revision(third, 1, content("Third"))),
                        new Mutation.PutSourceId(third, "ZD-3"),
                        new Mutation.PutSourceId(second, "ZD-3"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.article(third)).isEmpty();
        assertThat(store.articlesBySourceId(List.of("ZD-2", "ZD-3"))).isEmpty();
        assertThat(store.sourceIds(List.of(second, third))).isEmpty();
    }

    @Test
    void sourceId_ofAMissingArticle_isNotFound() {
        assertThatThrownBy(() -> store.commit(List.of(new Mutation.PutSourceId(ArticleId.of("KB-404"), "ZD-1"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.articlesBySourceId(List.of("ZD-1"))).isEmpty();
    }

    @Test
    void sourceId_isForgottenWithAPurgedArticle_andCanNameANewOne() {
        ArticleId id = store.allocateId();
        store.commit(List.of(
                new Mutation.AppendRevision(revision(id, 1, content("Imported"))),
                new Mutation.PutSourceId(id, "ZD-7")));

        store.commit(List.of(new Mutation.Purge(AuditEntry.purge(T0.plusSeconds(9), ADMIN, id, "GDPR ticket 45"))));

        assertThat(store.articlesBySourceId(List.of("ZD-7"))).isEmpty();
        assertThat(store.sourceIds(List.of(id))).isEmpty();
        ArticleId again = store.allocateId();
        store.commit(List.of(
                new Mutation.AppendRevision(revision(again, 1, content("Imported again"))),
                new Mutation.PutSourceId(again, "ZD-7")));
        assertThat(store.articlesBySourceId(List.of("ZD-7"))).isEqualTo(Map.of("ZD-7", again));
    }

    @Test
    void sourceId_mustBePrintableAndBounded() {
        ArticleId id = ArticleId.of("KB-1");
        for (String bad : List.of("", "   ", "a\nb", "x".repeat(Mutation.PutSourceId.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> new Mutation.PutSourceId(id, bad))
                    .isInstanceOf(org.kcskb.InvalidInputException.class)
                    .hasMessageContaining("sourceId");
        }
        assertThat(new Mutation.PutSourceId(id, "x".repeat(Mutation.PutSourceId.MAX_LENGTH)).sourceId())
                .hasSize(Mutation.PutSourceId.MAX_LENGTH);
    }

    @Test
    void analytics_searchesPerProduct_countSearchesMadeForEachProduct_mostFirst_inTheScope() {
        AnalyticsStore analytics = analytics();
        Viewer agent = Viewer.agent(AGENT);
        analytics.append(List.of(
                searched("o1", "outlook startet nicht", Locale.ROOT, 0, 1).withProduct("Outlook"),
                searched("o2", "outlook startet nicht", Locale.ROOT, 2, 2).withProduct("Outlook"),
                searched("e1", "zelle gesperrt", Locale.ROOT, 1, 3).withProduct("Excel"),
                searched("n1", "drucker", Locale.ROOT, 1, 4),
                clicked("o2", "KB-1", 1, 5),
                SearchEvent.search(T0.plusSeconds(6), SearchId.of("a1"), "intern", agent, Locale.ROOT, 1)
                        .withProduct("Excel"),
                SearchEvent.search(T0.plusSeconds(7), SearchId.of("a2"), "intern", agent, Locale.ROOT, 1)
                        .withProduct("Excel"),
                searched("late", "zelle gesperrt", Locale.ROOT, 1, 100).withProduct("Excel")));
        ReportQuery window = ReportQuery.between(T0, T0.plusSeconds(50));

        assertThat(analytics.searchesPerProduct(window, ReportScope.everything()))
                .containsExactly(Map.entry("Excel", 3L), Map.entry("Outlook", 2L));
        assertThat(analytics.searchesPerProduct(window.withLimit(1), ReportScope.everything()))
                .containsExactly(Map.entry("Excel", 3L));
        assertThat(analytics.searchesPerProduct(window.withProduct("Outlook"), ReportScope.everything()))
                .containsExactly(Map.entry("Outlook", 2L));
        // A partner counts no agent's searches: Outlook's two anonymous searches outnumber Excel's one.
        ReportScope partner = ReportScope.of(Viewer.partner("acme"), VisibilityPolicy.kcsDefault());
        assertThat(analytics.searchesPerProduct(window, partner))
                .containsExactly(Map.entry("Outlook", 2L), Map.entry("Excel", 1L));
    }
}
