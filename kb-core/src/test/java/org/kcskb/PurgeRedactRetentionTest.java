package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionField;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.store.spi.Mutation;

/** Purge and redaction by an administrator, the audit trail, and retention of the change feed and feedback. */
class PurgeRedactRetentionTest {
    private static final Actor AGENT = Actor.contributor("agent-7");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final Actor ADMIN = Actor.administrator("admin-1");
    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final ArticleStore store = ArticleStores.inMemory();
    private KnowledgeBase kb;

    private KnowledgeBase open(Retention retention) {
        kb = KnowledgeBase.builder()
                .store(store)
                .withoutSearch()
                .clock(clock)
                .retention(retention)
                .build();
        return kb;
    }

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    private Article captureWithPhone() {
        return kb.capture(
                AGENT,
                Draft.of(ArticleContent.of("Call Jane at +41 79 123 45 67", "Printer offline")
                                .withResolution("Restart the spooler"))
                        .fromCase(CaseId.of("CASE-1")));
    }

    @Test
    void purge_byAPublisher_forgetsEverything_andTheAuditTrailRecordsItWithoutTheText() {
        open(Retention.defaults());
        Article article = captureWithPhone();
        ArticleId id = article.id();
        kb.flag(AGENT, id, FlagReason.INCOMPLETE, "Jane's number again");
        kb.link(AGENT, id, CaseId.of("CASE-2"), LinkType.REFERENCE);
        long before = store.lastSequence();

        kb.purge(PUBLISHER, id, "GDPR request 2026-17");

        assertThat(kb.article(id)).isEmpty();
        assertThatThrownBy(() -> kb.history(id)).isInstanceOf(NotFoundException.class);
        assertThat(kb.links(CaseId.of("CASE-1"))).isEmpty();
        assertThat(kb.flags(id)).isEmpty();
        assertThat(store.changesAfter(before, 10)).extracting(Change::articleId).containsExactly(id);
        assertThat(kb.auditTrail()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditEntry.Action.PURGE);
            assertThat(e.actor()).isEqualTo(PUBLISHER);
            assertThat(e.articleId()).isEqualTo(id);
            assertThat(e.at()).isEqualTo(T0);
            assertThat(e.reason()).isEqualTo("GDPR request 2026-17");
            assertThat(e.toString()).doesNotContain("+41 79");
        });
        assertThat(kb.auditTrail(id)).hasSize(1);
    }

    @Test
    void purgeAndRedact_belowPublisher_areRefused_andChangeNothing() {
        open(Retention.defaults());
        Article article = captureWithPhone();
        assertThatThrownBy(() -> kb.purge(AGENT, article.id(), "tidy up"))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining(KnowledgeBase.PURGE_REQUIRES_PUBLISHER);
        assertThatThrownBy(() -> kb.redact(AGENT, article.id(), 1, Set.of(RevisionField.TITLE), "tidy up"))
                .isInstanceOf(ActionRefusedException.class);
        assertThat(kb.article(article.id())).contains(article);
        assertThat(kb.auditTrail()).isEmpty();
    }

    @Test
    void purge_unknownArticleOrBlankReason_isRejected() {
        open(Retention.defaults());
        Article article = captureWithPhone();
        assertThatThrownBy(() -> kb.purge(ADMIN, ArticleId.of("KB-999"), "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kb.purge(ADMIN, article.id(), " "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        assertThat(kb.article(article.id())).isPresent();
    }

    @Test
    void redact_replacesTheFieldsOfOneRevision_keepsTheOthers_andAudits() {
        open(Retention.defaults());
        Article article = captureWithPhone();
        ArticleId id = article.id();
        kb.publish(PUBLISHER, id, 1, Audience.PUBLIC);
        long before = store.lastSequence();

        Revision redacted = kb.redact(ADMIN, id, 1, Set.of(RevisionField.TITLE), "ticket 43");

        assertThat(redacted.content().title()).isEqualTo(RevisionField.MARKER);
        assertThat(redacted.content().resolution()).isEqualTo("Restart the spooler");
        assertThat(kb.history(id).revisions().get(0)).isEqualTo(redacted);
        // Revision 2 still holds the title: each revision is a full snapshot, redacted one by one.
        assertThat(kb.article(id).orElseThrow().title()).contains("+41 79");
        assertThat(store.changesAfter(before, 10))
                .extracting(Change::articleId, Change::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, Change.Kind.CONTENT));

        kb.redact(ADMIN, id, 2, Set.of(RevisionField.TITLE), "ticket 43");
        assertThat(kb.article(id).orElseThrow().title()).isEqualTo(RevisionField.MARKER);
        assertThat(kb.auditTrail(id))
                .extracting(AuditEntry::revision)
                .containsExactly(OptionalInt.of(1), OptionalInt.of(2));
        assertThatThrownBy(() -> kb.redact(ADMIN, id, 3, Set.of(RevisionField.TITLE), "x"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kb.redact(ADMIN, id, 1, Set.of(), "x")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void retention_trimsTheOldChangeFeedBeyondTheMargin_andEmptiesOldFeedbackComments_onItsOwn() {
        open(Retention.defaults()
                .withChangeFeed(Duration.ofDays(30), 5)
                .withFeedbackComments(Duration.ofDays(365))
                .withInterval(Duration.ofMillis(20)));
        Article article = captureWithPhone();
        Viewer reader = Viewer.agent(AGENT);
        // Twenty signal changes, twenty feed entries (the knowledge base batches views; the store takes each).
        for (int i = 0; i < 20; i++) {
            store.commit(List.of(new Mutation.AddViews(article.id(), 1)));
        }
        kb.feedback(reader, article.id(), true, "my phone is 079 123 45 67");
        long last = store.lastSequence();
        var signals = kb.article(article.id()).orElseThrow().signals();

        // The feed entries are stamped by the store's own clock (now); the knowledge base's clock decides what is
        // old. Forty days on, everything but the newest five entries may go; the comment is younger than a year.
        clock.set(Instant.now().plus(Duration.ofDays(40)));
        awaitUntil(() -> store.oldestSequence() == last - 4);
        assertThat(store.changesAfter(0, 100)).hasSize(5);
        assertThat(kb.feedback(article.id()).getFirst().comment()).isNotEmpty();

        clock.set(Instant.now().plus(Duration.ofDays(400)));
        awaitUntil(() -> kb.feedback(article.id()).getFirst().comment().isEmpty());
        assertThat(kb.feedback(article.id()).getFirst().helpful()).isTrue();
        assertThat(kb.article(article.id()).orElseThrow().signals()).isEqualTo(signals);
        assertThat(store.lastSequence()).isEqualTo(last);
    }

    @Test
    void retention_defaults_keepRecentEntries() {
        open(Retention.defaults());
        Article article = captureWithPhone();
        kb.recordView(Viewer.agent(AGENT), article.id());
        assertThat(((StoreBackedKnowledgeBase) kb).enforceRetention()).containsExactly(0, 0);
        assertThat(store.oldestSequence()).isEqualTo(1);
        assertThat(Retention.defaults().changeFeedKeep()).isEqualTo(100_000);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
