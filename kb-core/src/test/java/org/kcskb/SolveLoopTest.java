package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.FieldChange;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.RevisionKind;
import org.kcskb.lifecycle.KcsLifecyclePolicy;
import org.kcskb.store.ArticleStores;

class SolveLoopTest {
    private static final Actor CANDIDATE = Actor.candidate("cand-1");
    private static final Actor CONTRIBUTOR = Actor.contributor("contrib-1");
    private static final Actor PUBLISHER = Actor.publisher("pub-1");

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .clock(Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private static ArticleContent printer() {
        return ArticleContent.of(
                        "Drucker druckt nach Windows-Update nicht mehr",
                        "Seit dem Update druckt mein Drucker nichts mehr")
                .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11"))
                .withLanguage("de");
    }

    @Test
    void capture_fromCase_linksTheCaseAndStartsInWorkInProgress() {
        Article article = kb.capture(CANDIDATE, Draft.of(printer()).fromCase(CaseId.of("CASE-1")));

        assertThat(article.id().value()).startsWith("KB-");
        assertThat(article.state()).isEqualTo(ArticleState.WORK_IN_PROGRESS);
        assertThat(article.audience()).isEqualTo(Audience.INTERNAL);
        assertThat(article.revision()).isEqualTo(1);
        assertThat(article.language()).isEqualTo(Locale.GERMAN);
        assertThat(article.signals().reuseCount()).isEqualTo(1);
        assertThat(kb.links(CaseId.of("CASE-1"))).singleElement().satisfies(l -> assertThat(l.type())
                .isEqualTo(LinkType.REFERENCE));
    }

    @Test
    void capture_withResolution_isNotValidated() {
        Article article = kb.capture(CANDIDATE, printer().withResolution("Treiber 5.1 installieren"));
        assertThat(article.state()).isEqualTo(ArticleState.NOT_VALIDATED);
    }

    @Test
    void link_toTwoCases_countsTwoReusesAndPinsTheRevision() {
        Article article = kb.capture(CONTRIBUTOR, printer().withResolution("Treiber 5.1 installieren"));
        kb.link(CANDIDATE, article.id(), CaseId.of("CASE-1"), LinkType.RESOLUTION);
        CaseLink second = kb.link(CANDIDATE, article.id(), CaseId.of("CASE-2"), LinkType.REFERENCE);

        assertThat(second.pinnedRevision()).isEqualTo(1);
        assertThat(kb.article(article.id()).orElseThrow().signals().reuseCount())
                .isEqualTo(2);

        kb.unlink(CANDIDATE, article.id(), CaseId.of("CASE-1"));
        assertThat(kb.links(article.id())).containsExactly(second);
        assertThat(kb.article(article.id()).orElseThrow().signals().reuseCount())
                .isEqualTo(1);
    }

    @Test
    void unlink_unknownLink_isNotFound() {
        Article article = kb.capture(CANDIDATE, printer());
        assertThatThrownBy(() -> kb.unlink(CANDIDATE, article.id(), CaseId.of("CASE-9")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("CASE-9");
    }

    @Test
    void flag_thenResolve_tracksOpenFlags() {
        Article article = kb.capture(CANDIDATE, printer());
        var flag = kb.flag(CANDIDATE, article.id(), FlagReason.INCOMPLETE, "Treiberversion fehlt");
        assertThat(kb.article(article.id()).orElseThrow().signals().openFlagCount())
                .isEqualTo(1);

        var resolved = kb.resolveFlag(CONTRIBUTOR, flag.id(), "Version ergänzt");
        assertThat(resolved.isOpen()).isFalse();
        assertThat(kb.article(article.id()).orElseThrow().signals().openFlagCount())
                .isZero();
        assertThatThrownBy(() -> kb.resolveFlag(CONTRIBUTOR, flag.id(), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already resolved");
    }

    @Test
    void revise_withStaleRevision_conflictsAndLosesNothing() {
        Article article = kb.capture(CANDIDATE, printer());
        Article revised = kb.revise(
                CANDIDATE, article.id(), 1, article.content().withResolution("Treiber neu installieren"), "fix");

        assertThatThrownBy(() ->
                        kb.revise(CANDIDATE, article.id(), 1, article.content().withCause("alt"), ""))
                .isInstanceOfSatisfying(RevisionConflictException.class, e -> {
                    assertThat(e.expectedRevision()).isEqualTo(1);
                    assertThat(e.currentRevision()).isEqualTo(2);
                });
        assertThat(kb.article(article.id()).orElseThrow()).isEqualTo(revised);
    }

    @Test
    void revise_withRevisionFromTheFuture_conflicts() {
        Article article = kb.capture(CANDIDATE, printer());
        assertThatThrownBy(() ->
                        kb.revise(CANDIDATE, article.id(), 7, article.content().withCause("x"), ""))
                .isInstanceOf(RevisionConflictException.class)
                .hasMessageContaining("future");
    }

    @Test
    void publishToPublic_asCandidate_isRefusedNamingTheRule() {
        Article article = kb.capture(CANDIDATE, printer().withResolution("Treiber 5.1"));
        assertThatThrownBy(() -> kb.publish(CANDIDATE, article.id(), 1, Audience.PUBLIC))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.PUBLISH_REQUIRES_PUBLISHER))
                .hasMessageContaining(KcsLifecyclePolicy.PUBLISH_REQUIRES_PUBLISHER);
        assertThat(kb.history(article.id()).revisions()).hasSize(1);
    }

    @Test
    void validateAndPublish_byTheRightLicences_recordsHistory() {
        Article article = kb.capture(CANDIDATE, printer().withResolution("Treiber 5.1"));
        Article validated = kb.transition(CONTRIBUTOR, article.id(), 1, ArticleState.VALIDATED);
        Article published = kb.publish(PUBLISHER, article.id(), validated.revision(), Audience.PUBLIC);

        assertThat(published.state()).isEqualTo(ArticleState.VALIDATED);
        assertThat(published.audience()).isEqualTo(Audience.PUBLIC);
        var history = kb.history(article.id());
        assertThat(history.revisions())
                .extracting(r -> r.kind(), r -> r.author().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RevisionKind.CAPTURED, "cand-1"),
                        org.assertj.core.groups.Tuple.tuple(RevisionKind.STATE_CHANGED, "contrib-1"),
                        org.assertj.core.groups.Tuple.tuple(RevisionKind.AUDIENCE_CHANGED, "pub-1"));
        assertThat(history.changesIn(2)).containsExactly(new FieldChange("state", "NOT_VALIDATED", "VALIDATED"));
        assertThat(history.changesIn(3)).containsExactly(new FieldChange("audience", "INTERNAL", "PUBLIC"));
    }

    @Test
    void validate_withoutResolution_breaksTheContentStandard() {
        Article article = kb.capture(CANDIDATE, printer());
        assertThatThrownBy(() -> kb.transition(CONTRIBUTOR, article.id(), 1, ArticleState.VALIDATED))
                .isInstanceOfSatisfying(ContentStandardException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("resolution")));
    }

    @Test
    void illegalTransition_isRefusedNamingTheRule() {
        Article article = kb.capture(CONTRIBUTOR, printer().withResolution("Treiber"));
        Article archived = kb.transition(CONTRIBUTOR, article.id(), 1, ArticleState.ARCHIVED);
        assertThatThrownBy(() -> kb.transition(PUBLISHER, article.id(), archived.revision(), ArticleState.VALIDATED))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.STATE_TRANSITION));
    }

    @Test
    void merge_movesLinksAndArchivesTheDuplicate() {
        Article survivor = kb.capture(CONTRIBUTOR, printer().withResolution("Treiber 5.1"));
        Article duplicate = kb.capture(CANDIDATE, printer().withTitle("Drucker geht nicht nach Update"));
        kb.link(CANDIDATE, duplicate.id(), CaseId.of("CASE-7"), LinkType.REFERENCE);

        Article merged = kb.merge(CONTRIBUTOR, duplicate.id(), survivor.id());

        assertThat(merged.state()).isEqualTo(ArticleState.ARCHIVED);
        assertThat(merged.mergedInto()).contains(survivor.id());
        assertThat(kb.links(duplicate.id())).isEmpty();
        assertThat(kb.links(survivor.id())).extracting(l -> l.caseId().value()).containsExactly("CASE-7");
        assertThatThrownBy(() -> kb.link(CANDIDATE, duplicate.id(), CaseId.of("CASE-8"), LinkType.REFERENCE))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.ARCHIVED_READ_ONLY))
                .hasMessageContaining(survivor.id().value());
    }

    @Test
    void merge_asCandidate_isRefused() {
        Article a = kb.capture(CANDIDATE, printer());
        Article b = kb.capture(CANDIDATE, printer());
        assertThatThrownBy(() -> kb.merge(CANDIDATE, a.id(), b.id())).isInstanceOf(ActionRefusedException.class);
    }

    @Test
    void feedback_fromThePublic_onlyOnPublicArticles() {
        Article internal = kb.capture(CONTRIBUTOR, printer().withResolution("Treiber 5.1"));
        assertThatThrownBy(() -> kb.feedback(Viewer.anonymous(), internal.id(), true, ""))
                .isInstanceOf(NotFoundException.class);

        Article published = kb.update(
                PUBLISHER,
                internal.id(),
                Update.of(1).state(ArticleState.VALIDATED).audience(Audience.PUBLIC));
        kb.feedback(Viewer.anonymous(), published.id(), true, "Hat geholfen");
        kb.feedback(Viewer.anonymous(), published.id(), false, "");
        var signals = kb.article(published.id()).orElseThrow().signals();
        assertThat(signals.helpfulCount()).isEqualTo(1);
        assertThat(signals.unhelpfulCount()).isEqualTo(1);
        assertThat(kb.article(published.id(), Viewer.anonymous())).isPresent();
        assertThat(kb.article(internal.id(), Viewer.partner("p-1"))).isPresent();
    }

    @Test
    void badInput_getsTypedErrorsAndWritesNothing() {
        assertThatThrownBy(() -> kb.capture(CANDIDATE, ArticleContent.of("", "issue")))
                .isInstanceOfSatisfying(ContentStandardException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactly("title"));
        assertThatThrownBy(() -> kb.capture(CANDIDATE, ArticleContent.of("x".repeat(201), "issue")))
                .isInstanceOf(ContentStandardException.class)
                .hasMessageContaining("200");
        assertThatThrownBy(() -> kb.capture(CANDIDATE, ArticleContent.of("Title", "i".repeat(20_001))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("issue"))
                .hasMessageContaining("20000");
        assertThatThrownBy(() -> ArticleContent.of("Title", "issue").withLanguage("not a tag!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BCP 47");
        assertThatThrownBy(() -> kb.capture(CANDIDATE, ArticleContent.of(null, "issue")))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("title");
        assertThatThrownBy(() -> kb.link(CANDIDATE, ArticleId.of("KB-999"), CaseId.of("C-1"), LinkType.REFERENCE))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.id()).isEqualTo("KB-999"));
        assertThatThrownBy(() -> CaseId.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kb.capture(CANDIDATE, Draft.of(printer()).withAudience(Audience.PUBLIC)))
                .isInstanceOf(ActionRefusedException.class);
        assertThat(kb.links(CaseId.of("C-1"))).isEmpty();
    }

    @Test
    void search_withoutSearchEngine_explainsHowToAddOne() {
        assertThatThrownBy(() -> kb.search(org.kcskb.search.SearchRequest.of("x", Viewer.anonymous())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kb-index");
    }

    @Test
    void callsAfterClose_fail() {
        kb.close();
        assertThatThrownBy(() -> kb.capture(CANDIDATE, printer())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builder_rejectsRepeatedOptionsNamingTheEarlierValue() {
        var builder = KnowledgeBase.builder().refreshInterval(java.time.Duration.ofMillis(200));
        assertThatThrownBy(() -> builder.refreshInterval(java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PT0.2S");
        assertThatThrownBy(() -> KnowledgeBase.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void candidate_cannotEditOthersArticles() {
        Article article = kb.capture(Actor.candidate("someone-else"), printer());
        assertThatThrownBy(() ->
                        kb.revise(CANDIDATE, article.id(), 1, article.content().withCause("x"), ""))
                .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(KcsLifecyclePolicy.CANDIDATE_OWN_ARTICLES));
        assertThat(List.of(kb.history(article.id()).latest().number())).containsExactly(1);
    }
}
