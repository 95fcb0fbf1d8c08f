package org.kcskb.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kcskb.ActionRefusedException;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Limits;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

class ArticleImportTest {
    private static final Actor ADMIN = Actor.administrator("migration");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00.123456Z");

    private final List<KnowledgeBase> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(KnowledgeBase::close);
    }

    private KnowledgeBase newKb() {
        return newKb(ArticleStores.inMemory());
    }

    private KnowledgeBase newKb(ArticleStore store) {
        KnowledgeBase kb = KnowledgeBase.builder()
                .store(store)
                .withoutSearch()
                .limits(Limits.defaults().withMaxFieldLength(2000))
                .build();
        opened.add(kb);
        return kb;
    }

    static TransferRevision revision(String title, ArticleState state, Audience audience, String author, int at) {
        return new TransferRevision(
                new ArticleContent(
                        title,
                        "Issue of " + title,
                        new Environment(Map.of("product", "Acme Print"), "Windows 11"),
                        "Resolution of " + title,
                        "",
                        Locale.GERMAN,
                        Set.of("printer")),
                state,
                audience,
                Optional.empty(),
                new Actor(author, Licence.PUBLISHER),
                T0.plusSeconds(at),
                at == 0 ? RevisionKind.CAPTURED : RevisionKind.REVISED,
                "");
    }

    static TransferArticle record(String sourceId, TransferRevision... revisions) {
        return new TransferArticle(sourceId, List.of(revisions), List.of(), List.of(), List.of());
    }

    private static ImportReport importAll(KnowledgeBase kb, List<TransferArticle> records) {
        try (ArticleImport run = kb.startImport(ADMIN, OptionalLong.of(records.size()), TransferListener.none())) {
            for (int i = 0; i < records.size(); i++) {
                run.add(i + 1, records.get(i));
            }
            return run.finish();
        }
    }

    private static long count(KnowledgeBase kb) {
        return kb.exportArticles(r -> {}, TransferListener.none());
    }

    private static List<TransferArticle> twentyRecords() {
        var records = new ArrayList<TransferArticle>();
        for (int i = 0; i < 1234; i++) {
            records.add(record(
                    "ZD-" + i,
                    revision("Drucker " + i, ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, "alice", 0),
                    revision("Drucker " + i + " druckt nicht", ArticleState.VALIDATED, Audience.PUBLIC, "bob", 60)));
        }
        return records;
    }

    @Test
    void importingTheSameRecordsTwice_createsEachArticleOnce_andTheSecondRunChangesNothing() {
        KnowledgeBase kb = newKb();
        List<TransferArticle> records = twentyRecords();

        ImportReport first = importAll(kb, records);
        long sequence = kb.exportArticles(r -> {}, TransferListener.none());
        ImportReport second = importAll(kb, records);

        assertThat(first.created()).isEqualTo(1234);
        assertThat(first.failures()).isEmpty();
        assertThat(second.created()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(1234);
        assertThat(sequence).isEqualTo(1234);
        assertThat(count(kb)).isEqualTo(1234);
    }

    @Test
    void import_keepsRevisionsWithTheirAuthorsStatesAudiencesAndLanguages() {
        KnowledgeBase kb = newKb();
        importAll(kb, twentyRecords().subList(0, 3));

        Article article = kb.article(kb.importedArticle("ZD-1").orElseThrow()).orElseThrow();
        List<Revision> history = kb.history(article.id()).revisions();

        assertThat(history).extracting(r -> r.author().id()).containsExactly("alice", "bob");
        assertThat(history).extracting(r -> r.author().licence()).containsOnly(Licence.PUBLISHER);
        assertThat(history)
                .extracting(Revision::state)
                .containsExactly(ArticleState.WORK_IN_PROGRESS, ArticleState.VALIDATED);
        assertThat(history).extracting(Revision::at).containsExactly(T0, T0.plusSeconds(60));
        assertThat(article.audience()).isEqualTo(Audience.PUBLIC);
        assertThat(article.language()).isEqualTo(Locale.GERMAN);
        assertThat(article.author()).isEqualTo("alice");
        assertThat(article.modifiedBy()).isEqualTo("bob");
        assertThat(article.title()).isEqualTo("Drucker 1 druckt nicht");
        assertThat(kb.importedArticle("ZD-3")).isEmpty();
    }

    @Test
    void reimport_appendsTheSourcesNewRevisions_orOneRevisionWhenTheHistoriesDiffer() {
        KnowledgeBase kb = newKb();
        TransferRevision first = revision("Scanner", ArticleState.NOT_VALIDATED, Audience.INTERNAL, "alice", 0);
        importAll(kb, List.of(record("SF-1", first)));
        ArticleId id = kb.importedArticle("SF-1").orElseThrow();

        // The source added a revision: it is appended as the source has it.
        TransferRevision second =
                revision("Scanner scannt nicht", ArticleState.VALIDATED, Audience.PARTNER, "carol", 90);
        ImportReport grown = importAll(kb, List.of(record("SF-1", first, second)));
        assertThat(grown.updated()).isEqualTo(1);
        assertThat(kb.history(id).revisions()).extracting(r -> r.author().id()).containsExactly("alice", "carol");

        // The source rewrote its history: one revision in the importer's name brings the article to the latest.
        TransferRevision rewritten = revision("Scanner (neu)", ArticleState.VALIDATED, Audience.PUBLIC, "dave", 120);
        ImportReport diverged = importAll(kb, List.of(record("SF-1", rewritten)));
        assertThat(diverged.updated()).isEqualTo(1);
        List<Revision> history = kb.history(id).revisions();
        assertThat(history).hasSize(3);
        assertThat(history.getLast().author()).isEqualTo(ADMIN);
        assertThat(history.getLast().content().title()).isEqualTo("Scanner (neu)");
        assertThat(history.getLast().audience()).isEqualTo(Audience.PUBLIC);
        assertThat(history.getLast().kind()).isEqualTo(RevisionKind.REVISED);

        // Running that again changes nothing; nor does an article revised here since, when the file is older.
        assertThat(importAll(kb, List.of(record("SF-1", rewritten))).unchanged())
                .isEqualTo(1);
        kb.update(Actor.publisher("erin"), id, org.kcskb.Update.of(3).audience(Audience.PARTNER));
        assertThat(importAll(kb, List.of(record("SF-1", first, second))).unchanged())
                .isEqualTo(1);
        assertThat(kb.history(id).revisions()).hasSize(4);
    }

    @Test
    void badRecords_areReportedByLine_andTheRestIsImported() {
        KnowledgeBase kb = newKb();
        var flag = new TransferFlag("flag-1", FlagReason.OUTDATED, "old", "alice", T0, Optional.empty());
        var records = new ArrayList<TransferArticle>();
        records.add(record("A", revision("Erster", ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)));
        records.add(record("B", revision("x".repeat(2001), ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)));
        records.add(new TransferArticle(
                "C",
                List.of(revision("Dritter", ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)),
                List.of(),
                List.of(flag),
                List.of()));
        // Another article claims the same flag id: only this record fails.
        records.add(new TransferArticle(
                "D",
                List.of(revision("Vierter", ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)),
                List.of(),
                List.of(flag),
                List.of()));
        records.add(record("E", revision("Fünfter", ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)));

        ImportReport report;
        try (ArticleImport run = kb.startImport(ADMIN, OptionalLong.empty(), TransferListener.none())) {
            run.add(1, records.get(0));
            run.add(2, records.get(1));
            run.reject(3, "not JSON: Unexpected character ('}')");
            run.add(4, records.get(2));
            run.add(5, records.get(3));
            run.add(6, records.get(4));
            report = run.finish();
        }

        assertThat(report.read()).isEqualTo(6);
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.failures()).extracting(ImportFailure::line).containsExactly(2L, 3L, 5L);
        assertThat(report.failures().get(0).reason()).contains("title").contains("2000");
        assertThat(report.failures().get(0).sourceId()).isEqualTo("B");
        assertThat(report.failures().get(1).reason()).contains("not JSON");
        assertThat(report.failures().get(2).reason()).contains("flag-1");
        assertThat(count(kb)).isEqualTo(3);
    }

    @Test
    void mergedInto_aLaterRecord_isResolvedAtTheEnd_andAnUnknownOneFails() {
        KnowledgeBase kb = newKb();
        TransferRevision captured = revision("Duplikat", ArticleState.VALIDATED, Audience.INTERNAL, "alice", 0);
        var merged = new TransferRevision(
                captured.content(),
                ArticleState.ARCHIVED,
                Audience.INTERNAL,
                Optional.of("SURVIVOR"),
                captured.author(),
                T0.plusSeconds(5),
                RevisionKind.MERGED,
                "");
        var orphan = new TransferRevision(
                captured.content(),
                ArticleState.ARCHIVED,
                Audience.INTERNAL,
                Optional.of("NOWHERE"),
                captured.author(),
                T0.plusSeconds(5),
                RevisionKind.MERGED,
                "");

        ImportReport report = importAll(
                kb,
                List.of(
                        record("DUP", captured, merged),
                        record("ORPHAN", captured, orphan),
                        record("SURVIVOR", revision("Original", ArticleState.VALIDATED, Audience.PUBLIC, "bob", 0))));

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.reason()).contains("NOWHERE");
        });
        var exported = new ArrayList<TransferArticle>();
        kb.exportArticles(exported::add, TransferListener.none());
        assertThat(exported).extracting(TransferArticle::sourceId).containsExactly("DUP", "SURVIVOR");
        assertThat(exported.getFirst().latest().mergedInto()).contains("SURVIVOR");
    }

    @Test
    void onlyAnAdministratorImports() {
        KnowledgeBase kb = newKb();
        assertThatThrownBy(() -> kb.startImport(Actor.publisher("pat"), OptionalLong.empty(), TransferListener.none()))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining(KnowledgeBase.IMPORT_REQUIRES_ADMINISTRATOR);
    }

    @Test
    void progress_countsDoneAndFailed_upToTheTotal() {
        KnowledgeBase kb = newKb();
        var seen = new ArrayList<TransferProgress>();
        List<TransferArticle> records = twentyRecords();
        try (ArticleImport run = kb.startImport(ADMIN, OptionalLong.of(records.size() + 1), seen::add)) {
            run.reject(1, "unreadable");
            for (int i = 0; i < records.size(); i++) {
                run.add(i + 2, records.get(i));
            }
        }

        assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
        assertThat(seen).extracting(TransferProgress::done).isSorted();
        assertThat(seen.getLast()).isEqualTo(new TransferProgress(1235, OptionalLong.of(1235), 1));
        var exportProgress = new ArrayList<TransferProgress>();
        kb.exportArticles(r -> {}, exportProgress::add);
        assertThat(exportProgress.getLast()).isEqualTo(new TransferProgress(1234, OptionalLong.of(1234), 0));
    }

    @Test
    void export_importedIntoAnEmptyKnowledgeBase_exportsTheSame_andReimportedIntoItsOrigin_changesNothing() {
        KnowledgeBase origin = newKb();
        Actor agent = Actor.publisher("agent-7");
        Article de = origin.capture(
                agent,
                Draft.of(new ArticleContent(
                                "Drucker druckt nicht",
                                "Seit dem Update",
                                Environment.of("Acme Print", "4.2", "Windows 11"),
                                "Treiber neu installieren",
                                "Alter Treiber",
                                Locale.GERMAN,
                                Set.of("drucker")))
                        .fromCase(CaseId.of("CASE-1")));
        Article en = origin.capture(
                agent,
                ArticleContent.of("Printer does not print", "Since the update")
                        .withResolution("Reinstall the driver")
                        .withLanguage(Locale.ENGLISH));
        origin.linkTranslation(agent, de.id(), en.id());
        origin.update(agent, de.id(), org.kcskb.Update.of(1).state(ArticleState.VALIDATED));
        origin.link(agent, en.id(), CaseId.of("CASE-2"), LinkType.REFERENCE);
        Flag flag = origin.flag(agent, en.id(), FlagReason.INCOMPLETE, "Version fehlt");
        origin.resolveFlag(agent, flag.id(), "ergänzt");
        Article dup = origin.capture(
                agent, ArticleContent.of("Drucker geht nicht", "Update").withLanguage(Locale.GERMAN));
        origin.merge(agent, dup.id(), de.id());
        origin.feedback(Viewer.agent(agent), de.id(), false, "Version fehlt");
        origin.feedback(Viewer.agent(Actor.candidate("agent-8")), de.id(), true, "");
        var imported = new ArrayList<>(twentyRecords().subList(0, 2));
        imported.add(withSignals(imported.removeLast(), 7, vote("v-1", true, 10), vote("v-2", false, 20)));
        importAll(origin, imported);

        var first = new ArrayList<TransferArticle>();
        origin.exportArticles(first::add, TransferListener.none());
        KnowledgeBase copy = newKb();
        ImportReport report = importAll(copy, first);
        var second = new ArrayList<TransferArticle>();
        copy.exportArticles(second::add, TransferListener.none());

        assertThat(report.failures()).isEmpty();
        assertThat(first).hasSize(5);
        assertThat(second).isEqualTo(first);
        assertThat(first.stream().filter(a -> !a.translations().isEmpty())).hasSize(2);
        assertThat(first.stream().flatMap(a -> a.flags().stream()))
                .singleElement()
                .satisfies(f -> assertThat(f.resolution()).isPresent());
        assertThat(first.stream().mapToInt(a -> a.feedback().size()).sum()).isEqualTo(4);
        assertThat(first.stream().mapToLong(TransferArticle::views).sum()).isEqualTo(7);
        Article copied = copy.article(copy.importedArticle(de.id().value()).orElseThrow())
                .orElseThrow();
        assertThat(copied.signals().helpfulCount()).isEqualTo(1);
        assertThat(copied.signals().unhelpfulCount()).isEqualTo(1);
        assertThat(copy.feedback(copied.id()))
                .extracting(org.kcskb.article.Feedback::comment)
                .containsExactly("Version fehlt", "");

        ImportReport again = importAll(origin, first);
        assertThat(again.unchanged()).isEqualTo(5);
        assertThat(again.created()).isZero();
        assertThat(count(origin)).isEqualTo(5);
    }

    static TransferFeedback vote(String id, boolean helpful, int at) {
        return new TransferFeedback(id, helpful, helpful ? "" : "Hilft nicht", "public", T0.plusSeconds(at));
    }

    static TransferArticle withSignals(TransferArticle record, long views, TransferFeedback... feedback) {
        return new TransferArticle(
                record.sourceId(),
                record.revisions(),
                record.links(),
                record.flags(),
                record.translations(),
                List.of(feedback),
                views);
    }

    @Test
    void reimport_countsVotesAndViewsOnce_addsNewVotes_andRaisesViewsToTheRecordsCountButNeverLowersThem() {
        KnowledgeBase kb = newKb();
        TransferArticle plain = twentyRecords().getFirst();
        TransferArticle record = withSignals(plain, 5, vote("v-1", true, 10), vote("v-2", false, 20));

        ImportReport first = importAll(kb, List.of(record));
        ImportReport second = importAll(kb, List.of(record));
        ArticleId id = kb.importedArticle(plain.sourceId()).orElseThrow();

        assertThat(first.created()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(kb.article(id).orElseThrow().signals())
                .satisfies(s -> assertThat(s.viewCount()).isEqualTo(5))
                .satisfies(s -> assertThat(s.helpfulCount()).isEqualTo(1))
                .satisfies(s -> assertThat(s.unhelpfulCount()).isEqualTo(1));

        // The source counted more: a new vote and three more views arrive, the known votes are not added again.
        ImportReport third = importAll(
                kb,
                List.of(withSignals(plain, 8, vote("v-1", true, 10), vote("v-2", false, 20), vote("v-3", true, 30))));
        assertThat(third.updated()).isEqualTo(1);
        assertThat(kb.feedback(id)).extracting(org.kcskb.article.Feedback::id).containsExactly("v-1", "v-2", "v-3");
        assertThat(kb.article(id).orElseThrow().signals().viewCount()).isEqualTo(8);

        // An older record (fewer views, fewer votes) takes nothing away.
        ImportReport older = importAll(kb, List.of(withSignals(plain, 2, vote("v-1", true, 10))));
        assertThat(older.unchanged()).isEqualTo(1);
        assertThat(kb.feedback(id)).hasSize(3);
        assertThat(kb.article(id).orElseThrow().signals().viewCount()).isEqualTo(8);
    }

    @Test
    void aRecordNamingOneVoteTwice_isRefused() {
        TransferArticle plain = twentyRecords().getFirst();
        assertThatThrownBy(() -> withSignals(plain, 0, vote("v-1", true, 10), vote("v-1", false, 20)))
                .isInstanceOf(org.kcskb.InvalidInputException.class)
                .hasMessageContaining("v-1");
        assertThatThrownBy(() -> withSignals(plain, -1))
                .isInstanceOf(org.kcskb.InvalidInputException.class)
                .hasMessageContaining("views");
    }

    @Test
    void translationsThatAreNowhere_areReported_andTheArticleIsImported_countedAsOneFailedRecord() {
        KnowledgeBase kb = newKb();
        var seen = new ArrayList<TransferProgress>();
        var article = new TransferArticle(
                "DE-1",
                List.of(revision("Drucker", ArticleState.VALIDATED, Audience.PUBLIC, "alice", 0)),
                List.of(),
                List.of(),
                List.of("EN-1", "FR-1"));

        ImportReport report;
        try (ArticleImport run = kb.startImport(ADMIN, OptionalLong.of(1), seen::add)) {
            run.add(1, article);
            report = run.finish();
        }

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.failures())
                .extracting(ImportFailure::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("EN-1"), r -> assertThat(r).contains("FR-1"));
        assertThat(seen.getLast()).isEqualTo(new TransferProgress(1, OptionalLong.of(1), 1));
        assertThat(kb.importedArticle("DE-1")).isPresent();
    }
}
