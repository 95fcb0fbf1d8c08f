package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Change;
import org.kcskb.vocabulary.SynonymProposal;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/** Managing the vocabulary through the knowledge base, and the synonym proposals learned from reformulations. */
class VocabularyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    private static final Actor COACH = Actor.publisher("coach-1");
    private static final Actor ADMIN = Actor.administrator("admin-1");

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(NOW);
    private KnowledgeBase kb;

    @AfterEach
    void close() {
        if (kb != null) {
            kb.close();
        }
    }

    private KnowledgeBase open(ArticleStore store, Vocabulary base) {
        kb = KnowledgeBase.builder()
                .store(store)
                .searchEngine(SubstringSearchEngine.provider())
                .clock(clock)
                .baseVocabulary(base)
                .personalDataPattern(Pattern.compile("kd-\\d+"))
                .build();
        return kb;
    }

    private KnowledgeBase open() {
        return open(ArticleStores.inMemory(), Vocabulary.empty());
    }

    private Article publicArticle(String title) {
        return kb.capture(
                COACH,
                Draft.of(ArticleContent.of(title, "What happened: " + title + ".")
                                .withResolution("Do this."))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    // ---- Managing -------------------------------------------------------------------------------------------

    @Test
    void candidatesAndContributors_mayNotManageTheVocabulary_norReadProposals() {
        open();
        for (Actor actor : List.of(Actor.candidate("cand-1"), Actor.contributor("contrib-1"))) {
            assertThatThrownBy(() -> kb.addVocabulary(actor, Locale.GERMAN, VocabularyRule.Synonyms.of("a", "b")))
                    .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                            .isEqualTo(KnowledgeBase.VOCABULARY_REQUIRES_PUBLISHER))
                    .hasMessageContaining(actor.id())
                    .hasMessageContaining("Publisher");
            assertThatThrownBy(() -> kb.removeVocabulary(actor, "V-1"))
                    .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                            .isEqualTo(KnowledgeBase.VOCABULARY_REQUIRES_PUBLISHER));
            assertThatThrownBy(() -> kb.synonymProposals(actor, ReportQuery.all()))
                    .isInstanceOfSatisfying(ActionRefusedException.class, e -> assertThat(e.rule())
                            .isEqualTo(KnowledgeBase.VOCABULARY_REQUIRES_PUBLISHER));
        }
        assertThat(kb.vocabulary().entries()).isEmpty();
        assertThat(kb.vocabularyAudit()).isEmpty();
    }

    @Test
    void publishersAndAdministrators_addAndRemoveEntries_auditedWithActorAndTime() {
        ArticleStore store = ArticleStores.inMemory();
        open(store, Vocabulary.empty());
        Article outage = publicArticle("Störung im Rechenzentrum");
        VocabularyEntry synonyms =
                kb.addVocabulary(COACH, Locale.GERMAN, VocabularyRule.Synonyms.of("VPN", "Fernzugriff"));
        clock.advance(Duration.ofMinutes(1));
        VocabularyEntry bet =
                kb.addVocabulary(ADMIN, Locale.GERMAN, new VocabularyRule.BestBet("Ausfall", outage.id()));
        clock.advance(Duration.ofMinutes(1));
        kb.removeVocabulary(ADMIN, synonyms.id());

        assertThat(synonyms.author()).contains(COACH);
        assertThat(synonyms.created()).isEqualTo(NOW);
        assertThat(synonyms.rule().terms()).containsExactly("vpn", "fernzugriff");
        assertThat(kb.vocabulary().entries()).containsExactly(bet);
        assertThat(kb.vocabularyAudit())
                .extracting(VocabularyChange::actor, VocabularyChange::action, VocabularyChange::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(COACH, VocabularyChange.Action.ADDED, NOW),
                        org.assertj.core.groups.Tuple.tuple(ADMIN, VocabularyChange.Action.ADDED, NOW.plusSeconds(60)),
                        org.assertj.core.groups.Tuple.tuple(
                                ADMIN, VocabularyChange.Action.REMOVED, NOW.plusSeconds(120)));
        assertThat(store.changesAfter(0, 100))
                .filteredOn(c -> c.kind() == Change.Kind.VOCABULARY)
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.articleId()).isEqualTo(Change.VOCABULARY_SUBJECT));
    }

    @Test
    void aBestBetForAMissingArticle_isNotFound_andNothingIsStored() {
        open();
        assertThatThrownBy(() -> kb.addVocabulary(
                        COACH,
                        Locale.GERMAN,
                        new VocabularyRule.BestBet("ausfall", org.kcskb.article.ArticleId.of("KB-404"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("KB-404");
        assertThat(kb.vocabularyAudit()).isEmpty();
    }

    @Test
    void aBestBetForAMergedDuplicate_isRefused_namingTheSurvivorToPin() {
        open();
        Article duplicate = publicArticle("Drucker offline (alt)");
        Article survivor = publicArticle("Drucker offline");
        kb.merge(COACH, duplicate.id(), survivor.id());
        assertThatThrownBy(() ->
                        kb.addVocabulary(COACH, Locale.GERMAN, new VocabularyRule.BestBet("offline", duplicate.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("merged into " + survivor.id().value());
        assertThat(kb.vocabularyAudit()).isEmpty();
    }

    @Test
    void removingAnUnknownOrBaseEntry_isNotFound() {
        open(ArticleStores.inMemory(), Vocabulary.starter());
        assertThatThrownBy(() -> kb.removeVocabulary(COACH, "V-7")).isInstanceOf(NotFoundException.class);
        String starterId = Vocabulary.starter().entries().getFirst().id();
        assertThatThrownBy(() -> kb.removeVocabulary(COACH, starterId))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(starterId);
        assertThat(kb.vocabulary()).isEqualTo(Vocabulary.starter());
    }

    @Test
    void vocabulary_isTheBaseFollowedByTheManagedEntries_andAManagedEntryReplacesABaseEntryOfItsId() {
        Vocabulary base = Vocabulary.parse("V", Locale.GERMAN, "beamer, projektor\nap => access point\n");
        open(ArticleStores.inMemory(), base);
        assertThat(base.entries()).extracting(VocabularyEntry::id).containsExactly("V-1", "V-2");
        VocabularyEntry managed =
                kb.addVocabulary(COACH, Locale.ENGLISH, VocabularyRule.Expansion.of("pw", "password"));

        assertThat(managed.id()).isEqualTo("V-1");
        assertThat(kb.vocabulary().entries())
                .containsExactly(managed, base.entries().get(1));
        assertThat(kb.vocabulary().forLanguage(Locale.ENGLISH)).containsExactly(managed);
    }

    @Test
    void theStarterSets_areTheDefault_andAnEmptyBaseVocabularyTurnsThemOff() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .build();
        assertThat(kb.vocabulary()).isEqualTo(Vocabulary.starter());
        assertThat(kb.vocabulary().isEmpty()).isFalse();
        assertThat(kb.vocabulary().forLanguage(Locale.GERMAN)).isNotEmpty();
        assertThat(kb.vocabulary().forLanguage(Locale.ENGLISH)).isNotEmpty();
        kb.close();

        open();
        assertThat(kb.vocabulary().isEmpty()).isTrue();
        VocabularyEntry own = kb.addVocabulary(COACH, Locale.GERMAN, VocabularyRule.Synonyms.of("beamer", "projektor"));
        assertThat(kb.vocabulary().entries()).containsExactly(own);
    }

    @Test
    void rules_refuseBadTerms_withMessagesThatSayHowToFixThem() {
        assertThatThrownBy(() -> VocabularyRule.Synonyms.of("  ", "projektor"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to " + VocabularyRule.MAX_TERM_LENGTH + " characters");
        assertThatThrownBy(() -> VocabularyRule.Synonyms.of("a b c d e f g", "projektor"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + VocabularyRule.MAX_TERM_WORDS + " words");
        assertThatThrownBy(() -> VocabularyRule.Synonyms.of("beamer, projektor", "videoprojektor"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("commas");
        assertThatThrownBy(() -> VocabularyRule.Expansion.of("ap => access point", "zugangspunkt"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'=>'");
        assertThatThrownBy(() -> VocabularyRule.Synonyms.of("Beamer", " beamer "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 to " + VocabularyRule.MAX_TERMS + " distinct terms");
        assertThatThrownBy(() -> VocabularyRule.Expansion.of("AP", "ap", "access point"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> new VocabularyRule.BestBet("---", org.kcskb.article.ArticleId.of("KB-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("letter or digit");
    }

    @Test
    void parse_namesTheLineOfABadRule_andSkipsCommentsAndBlankLines() {
        Vocabulary parsed =
                Vocabulary.parse("host", Locale.GERMAN, "# comment\nbeamer, projektor # inline\n\npw => password\n");
        assertThat(parsed.entries()).extracting(VocabularyEntry::id).containsExactly("host-2", "host-4");
        assertThat(parsed.entries().get(1).rule()).isEqualTo(VocabularyRule.Expansion.of("pw", "password"));

        assertThatThrownBy(() -> Vocabulary.parse("host", Locale.GERMAN, "beamer, projektor\n\nap =>\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3 of host")
                .hasMessageContaining("'a => b, c'");
        assertThatThrownBy(() -> Vocabulary.parse("host", Locale.GERMAN, "beamer\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1 of host");
    }

    @Test
    void parseTranslations_expandsEachSideToTheOther_inItsOwnLanguage() {
        Vocabulary parsed = Vocabulary.parseTranslations(
                "host", Locale.GERMAN, Locale.ENGLISH, "# glossary\ndrucker, druckgerät | printer\n\nakku | battery\n");
        assertThat(parsed.entries())
                .extracting(VocabularyEntry::id)
                .containsExactly("host-de-en-2-1", "host-de-en-2-2", "host-en-de-2", "host-de-en-4", "host-en-de-4");
        assertThat(parsed.entries().get(1).language()).isEqualTo(Locale.GERMAN);
        assertThat(parsed.entries().get(1).rule())
                .isEqualTo(VocabularyRule.Translation.of("druckgerät", Locale.ENGLISH, "printer"));
        assertThat(parsed.entries().get(2).language()).isEqualTo(Locale.ENGLISH);
        assertThat(parsed.entries().get(2).rule())
                .isEqualTo(VocabularyRule.Translation.of("printer", Locale.GERMAN, "drucker", "druckgerät"));
        assertThat(parsed.forLanguage(Locale.ENGLISH))
                .extracting(VocabularyEntry::id)
                .containsExactly("host-en-de-2", "host-en-de-4");
    }

    @Test
    void parseTranslations_namesTheLineOfABadLine_andSaysHowToWriteIt() {
        for (String bad : List.of("drucker printer", "drucker | printer | imprimante", " | printer", "drucker |  ")) {
            assertThatThrownBy(() -> Vocabulary.parseTranslations("host", Locale.GERMAN, Locale.ENGLISH, "\n" + bad))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("line 2 of host")
                    .hasMessageContaining("one '|'")
                    .hasMessageContaining("German words");
        }
        assertThatThrownBy(
                        () -> Vocabulary.parseTranslations("host", Locale.GERMAN, Locale.ENGLISH, "a b c d e f g | x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1 of host")
                .hasMessageContaining("at most " + VocabularyRule.MAX_TERM_WORDS + " words");
    }

    @Test
    void aManagedTranslation_isStoredWithItsTargetLanguage_andSurvivesAReopen() {
        Path h2 = temp.resolve("translations");
        open(ArticleStores.h2(h2), Vocabulary.empty());
        VocabularyEntry added = kb.addVocabulary(
                COACH, Locale.GERMAN, VocabularyRule.Translation.of("Lohnzettel", Locale.UK, "payslip", "pay slip"));
        assertThat(added.rule())
                .isEqualTo(VocabularyRule.Translation.of("lohnzettel", Locale.ENGLISH, "payslip", "pay slip"));
        kb.close();
        open(ArticleStores.h2(h2), Vocabulary.empty());
        assertThat(kb.vocabulary().entries()).containsExactly(added);
        assertThat(kb.vocabularyAudit()).extracting(VocabularyChange::entry).containsExactly(added);

        assertThatThrownBy(() -> kb.addVocabulary(
                        COACH, Locale.GERMAN, VocabularyRule.Translation.of("drucker", Locale.GERMAN, "druckgerät")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another language")
                .hasMessageContaining("Synonyms");
        assertThatThrownBy(() -> VocabularyRule.Translation.of("drucker", Locale.ROOT, "printer"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Locale.ENGLISH");
        assertThat(kb.vocabulary().entries()).containsExactly(added);
    }

    @Test
    void theStarterTranslations_arePartOfTheStarterSets_andCanBeLeftOut() {
        Vocabulary translations = Vocabulary.starterTranslations();
        assertThat(translations.entries()).hasSizeGreaterThan(200);
        assertThat(translations.entries())
                .allSatisfy(entry -> assertThat(entry.id()).matches("starter-(de-en|en-de)-\\d+(-\\d+)?"));
        assertThat(translations.forLanguage(Locale.GERMAN))
                .extracting(VocabularyEntry::rule)
                .contains(VocabularyRule.Translation.of("drucker", Locale.ENGLISH, "printer"));
        assertThat(translations.forLanguage(Locale.ENGLISH))
                .extracting(VocabularyEntry::rule)
                .contains(VocabularyRule.Translation.of("printer", Locale.GERMAN, "drucker", "druckgerät"));
        assertThat(Vocabulary.starter().entries()).containsAll(translations.entries());

        Vocabulary withoutTranslations = Vocabulary.starter().without(translations);
        assertThat(withoutTranslations.entries())
                .containsExactlyElementsOf(Vocabulary.starter(Locale.GERMAN)
                        .plus(Vocabulary.starter(Locale.ENGLISH))
                        .entries());
    }

    // ---- Purge and merge ------------------------------------------------------------------------------------

    @Test
    void purgingAnArticle_removesItsBestBets_auditedAsThePurgingAdministrator() {
        open();
        Article doomed = publicArticle("Personal data inside");
        Article other = publicArticle("Kept");
        kb.addVocabulary(COACH, Locale.ENGLISH, new VocabularyRule.BestBet("leak", doomed.id()));
        VocabularyEntry kept = kb.addVocabulary(COACH, Locale.ENGLISH, new VocabularyRule.BestBet("kept", other.id()));

        kb.purge(ADMIN, doomed.id(), "personal data");

        assertThat(kb.vocabulary().entries()).containsExactly(kept);
        assertThat(kb.vocabularyAudit().getLast())
                .extracting(VocabularyChange::actor, VocabularyChange::action)
                .containsExactly(ADMIN, VocabularyChange.Action.REMOVED);
    }

    @Test
    void mergingAnArticle_movesItsBestBetsToTheSurvivor_unlessTheSurvivorHasThemAlready() {
        open();
        Article duplicate = publicArticle("Drucker offline (alt)");
        Article survivor = publicArticle("Drucker offline");
        kb.addVocabulary(COACH, Locale.GERMAN, new VocabularyRule.BestBet("drucker offline", duplicate.id()));
        kb.addVocabulary(COACH, Locale.GERMAN, new VocabularyRule.BestBet("offline", duplicate.id()));
        VocabularyEntry own =
                kb.addVocabulary(COACH, Locale.GERMAN, new VocabularyRule.BestBet("offline", survivor.id()));
        clock.advance(Duration.ofMinutes(1));

        kb.merge(COACH, duplicate.id(), survivor.id());

        List<VocabularyEntry> entries = kb.vocabulary().entries();
        assertThat(entries).hasSize(2).contains(own);
        VocabularyEntry moved = entries.get(1);
        assertThat(moved.rule()).isEqualTo(new VocabularyRule.BestBet("drucker offline", survivor.id()));
        assertThat(moved.language()).isEqualTo(Locale.GERMAN);
        assertThat(moved.author()).contains(COACH);
        assertThat(moved.created()).isEqualTo(NOW.plusSeconds(60));
        assertThat(kb.vocabularyAudit())
                .extracting(VocabularyChange::action)
                .containsExactly(
                        VocabularyChange.Action.ADDED,
                        VocabularyChange.Action.ADDED,
                        VocabularyChange.Action.ADDED,
                        VocabularyChange.Action.REMOVED,
                        VocabularyChange.Action.ADDED,
                        VocabularyChange.Action.REMOVED);
    }

    // ---- Proposals ------------------------------------------------------------------------------------------

    /** One visitor's failed search, then a minute later a reformulation whose first hit they open. */
    private void reformulate(String visitor, String failed, String then, Duration gap) {
        search(visitor, failed);
        clock.advance(gap);
        SearchResult result = search(visitor, then);
        assertThat(result.hits()).as("'%s' finds something", then).isNotEmpty();
        kb.recordClick(
                Viewer.anonymous(),
                result.hits().getFirst().id(),
                SearchOrigin.of(result.searchId().orElseThrow(), 1));
        clock.advance(Duration.ofMinutes(30));
    }

    private SearchResult search(String visitor, String text) {
        return kb.search(SearchRequest.builder(text, Viewer.anonymous())
                .language(Locale.GERMAN)
                .visitor(visitor)
                .build());
    }

    private void proposalsScenario() {
        publicArticle("Gehaltsabrechnung nicht erhalten");
        publicArticle("Drucker Treiber");
        // Two visitors reformulate the same way; a third only after ten minutes, which does not count.
        reformulate("visitor-a", "Lohnzettel fehlt", "Gehaltsabrechnung nicht erhalten", Duration.ofMinutes(1));
        reformulate("visitor-b", "fehlt: lohnzettel", "gehaltsabrechnung nicht erhalten", Duration.ofMinutes(4));
        reformulate("visitor-c", "lohnzettel fehlt", "gehaltsabrechnung nicht erhalten", Duration.ofMinutes(10));
        // One visitor alone proposes nothing; nor do personal-looking searches, however many.
        reformulate("visitor-a", "beleg weg", "gehaltsabrechnung", Duration.ofMinutes(1));
        reformulate("visitor-d", "kd-4711 abrechnung", "gehaltsabrechnung", Duration.ofMinutes(1));
        reformulate("visitor-e", "kd-4711 abrechnung", "gehaltsabrechnung", Duration.ofMinutes(1));
        reformulate("visitor-d", "anna@example.com gehalt", "gehaltsabrechnung", Duration.ofMinutes(1));
        reformulate("visitor-e", "anna@example.com gehalt", "gehaltsabrechnung", Duration.ofMinutes(1));
        // A refinement adds words without dropping any: not a synonym.
        reformulate("visitor-d", "drucker", "drucker treiber", Duration.ofMinutes(1));
        reformulate("visitor-e", "drucker", "drucker treiber", Duration.ofMinutes(1));
    }

    private void assertProposals() {
        Vocabulary before = kb.vocabulary();
        List<SynonymProposal> proposals = kb.synonymProposals(COACH, ReportQuery.all());

        assertThat(proposals).hasSize(1);
        SynonymProposal proposal = proposals.getFirst();
        // The words in another order count as the same reformulation; the latest one is shown.
        assertThat(proposal.failedQuery()).isEqualTo("fehlt: lohnzettel");
        assertThat(proposal.reformulation()).isEqualTo("gehaltsabrechnung nicht erhalten");
        assertThat(proposal.language()).isEqualTo(Locale.GERMAN);
        assertThat(proposal.visitors()).isEqualTo(2);
        assertThat(proposal.suggestion())
                .isEqualTo(VocabularyRule.Expansion.of("fehlt lohnzettel", "gehaltsabrechnung erhalten"));
        // Never applied by itself.
        assertThat(kb.vocabulary()).isEqualTo(before);
        assertThat(kb.vocabularyAudit()).isEmpty();

        // The coach accepts it as it is: it then stops being proposed.
        kb.addVocabulary(COACH, proposal.language(), proposal.suggestion());
        assertThat(kb.synonymProposals(COACH, ReportQuery.all())).isEmpty();
    }

    @Test
    void proposals_comeFromReformulationsOfDistinctVisitors_withinFiveMinutes_andAreNeverApplied() {
        open();
        proposalsScenario();
        SynonymProposal proposal = kb.synonymProposals(ADMIN, ReportQuery.all()).getFirst();
        // lastSeen is the latest counted reformulation: visitor-b's, four minutes after its failed search.
        assertThat(proposal.lastSeen()).isEqualTo(NOW.plus(Duration.ofMinutes(1 + 30 + 4)));
        assertThat(kb.synonymProposals(COACH, ReportQuery.all().withLanguage(Locale.ENGLISH)))
                .isEmpty();
        assertThat(kb.synonymProposals(COACH, ReportQuery.between(NOW.plus(Duration.ofMinutes(32)), Instant.MAX)))
                .as("visitor-a's failed search lies before the window")
                .isEmpty();
        assertProposals();
    }

    @Test
    void proposals_workOnTheSqlAnalytics_too() {
        open(ArticleStores.h2(temp.resolve("store")), Vocabulary.empty());
        proposalsScenario();
        assertProposals();
    }

    @Test
    void proposals_leaveOutWhatTheVocabularyAlreadyRelates_andSingleWordsBecomeSynonyms() {
        open(ArticleStores.inMemory(), Vocabulary.parse("host", Locale.GERMAN, "lohnzettel, gehaltsabrechnung\n"));
        publicArticle("Gehaltsabrechnung nicht erhalten");
        publicArticle("Projektor flackert");
        reformulate("visitor-a", "Lohnzettel fehlt", "Gehaltsabrechnung nicht erhalten", Duration.ofMinutes(1));
        reformulate("visitor-b", "lohnzettel fehlt", "gehaltsabrechnung nicht erhalten", Duration.ofMinutes(1));
        reformulate("visitor-a", "beamer flackert", "projektor flackert", Duration.ofMinutes(2));
        reformulate("visitor-b", "beamer flackert", "projektor flackert", Duration.ofMinutes(3));

        assertThat(kb.synonymProposals(COACH, ReportQuery.all()))
                .extracting(SynonymProposal::suggestion, SynonymProposal::visitors)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VocabularyRule.Synonyms.of("beamer", "projektor"), 2L));
    }

    @Test
    void proposals_needTheVisitorsOwnKey_orTheSameViewer() {
        open();
        publicArticle("Gehaltsabrechnung nicht erhalten");
        // Anonymous searches without a visitor key are nobody's: they never pair.
        for (int i = 0; i < 3; i++) {
            kb.search(SearchRequest.builder("lohnzettel fehlt", Viewer.anonymous())
                    .build());
            clock.advance(Duration.ofMinutes(1));
            SearchResult result =
                    kb.search(SearchRequest.builder("gehaltsabrechnung nicht erhalten", Viewer.anonymous())
                            .build());
            kb.recordClick(
                    Viewer.anonymous(),
                    result.hits().getFirst().id(),
                    SearchOrigin.of(result.searchId().orElseThrow(), 1));
            clock.advance(Duration.ofMinutes(30));
        }
        assertThat(kb.synonymProposals(COACH, ReportQuery.all())).isEmpty();
        assertThat(Optional.of(kb.vocabulary())).contains(Vocabulary.empty());
    }
}
