package org.kcskb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.Limits;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Feedback;
import org.kcskb.article.TextField;
import org.kcskb.article.TextFormat;
import org.kcskb.render.ArticleRenderer;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.json.ArticleJsonLines;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleKnowledgeBaseTest {
    private static final Viewer AGENT = Viewer.agent(Actor.contributor("x"));

    private KnowledgeBase kb;
    private SampleKnowledgeBase.Summary summary;
    private List<Article> articles;

    @BeforeAll
    void loadSample() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        summary = SampleKnowledgeBase.loadIfEmpty(kb);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        articles = summary.articles().values().stream()
                .map(id -> kb.article(id).orElseThrow())
                .toList();
    }

    @AfterAll
    void close() {
        kb.close();
    }

    @Test
    void loadIfEmpty_loadsAtLeast60Articles_inGermanAndEnglish() {
        assertThat(summary.loaded()).isTrue();
        assertThat(articles).hasSizeGreaterThanOrEqualTo(60);
        Map<Locale, Long> perLanguage =
                articles.stream().collect(Collectors.groupingBy(Article::language, Collectors.counting()));
        assertThat(perLanguage).containsOnlyKeys(Locale.GERMAN, Locale.ENGLISH);
        assertThat(perLanguage.get(Locale.GERMAN)).isGreaterThanOrEqualTo(articles.size() * 2L / 5);
        assertThat(perLanguage.get(Locale.ENGLISH)).isGreaterThanOrEqualTo(articles.size() * 2L / 5);
    }

    @Test
    void sample_coversEveryStateAndAudience_withMostArticlesOnThePublicSite() {
        assertThat(articles.stream().map(Article::state).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(ArticleState.class));
        assertThat(articles.stream().map(Article::audience).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(Audience.class));
        long onPublicSite = articles.stream()
                .filter(a -> kb.article(a.id(), Viewer.anonymous()).isPresent())
                .count();
        assertThat(onPublicSite).isGreaterThanOrEqualTo(40);
    }

    @Test
    void sample_hasCaseLinksFlagsAndFeedback() {
        assertThat(summary.links()).isGreaterThanOrEqualTo(100);
        assertThat(summary.flags()).isGreaterThanOrEqualTo(10);
        assertThat(summary.feedback()).isGreaterThanOrEqualTo(20);
        assertThat(articles)
                .anySatisfy(a -> assertThat(a.signals().reuseCount()).isGreaterThanOrEqualTo(4));
        assertThat(articles)
                .anySatisfy(a -> assertThat(a.signals().openFlagCount()).isPositive());
        assertThat(articles)
                .anySatisfy(a -> assertThat(a.signals().unhelpfulCount()).isPositive());
        assertThat(articles).anySatisfy(a -> assertThat(kb.flags(a.id()))
                .anySatisfy(f -> assertThat(f.isOpen()).isFalse()));
        assertThat(kb.feedback(summary.articles().get("print-windows-update")))
                .extracting(Feedback::comment)
                .contains("Treiber 5.1 installiert, jetzt druckt alles wieder. Danke!");
    }

    @Test
    void sample_hasMergedDuplicates_archivedAndPointingToTheirSurvivor() {
        ArticleId survivor = summary.articles().get("print-windows-update");
        Article duplicate =
                kb.article(summary.articles().get("print-update-duplicate")).orElseThrow();

        assertThat(summary.merges()).isGreaterThanOrEqualTo(2);
        assertThat(duplicate.state()).isEqualTo(ArticleState.ARCHIVED);
        assertThat(duplicate.mergedInto()).contains(survivor);
        assertThat(kb.links(survivor)).extracting(l -> l.caseId().value()).contains("CASE-2005");
        assertThat(kb.links(duplicate.id())).isEmpty();
    }

    @Test
    void loadIfEmpty_loadsNothing_whenTheSampleIsAlreadyThere() {
        SampleKnowledgeBase.Summary again = SampleKnowledgeBase.loadIfEmpty(kb);

        assertThat(again.loaded()).isFalse();
        assertThat(again.articles()).isEmpty();
        assertThat(kb.article(ArticleId.of("KB-" + (articles.size() + 1)))).isEmpty();
    }

    @Test
    void loadIfEmpty_loadsNothing_intoAKnowledgeBaseWithArticlesOfItsOwn() {
        try (KnowledgeBase own =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            own.capture(Actor.candidate("agent-1"), ArticleContent.of("Our own article", "Something broke"));

            assertThat(SampleKnowledgeBase.loadIfEmpty(own).loaded()).isFalse();
            assertThat(own.article(ArticleId.of("KB-2"))).isEmpty();
        }
    }

    @Test
    void loadIfEmpty_namesTheSampleArticleAndLine_whenTheKnowledgeBaseCannotStoreIt() {
        try (KnowledgeBase narrow = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .withoutSearch()
                .limits(Limits.defaults().withMaxFieldLength(500))
                .build()) {
            assertThatThrownBy(() -> SampleKnowledgeBase.loadIfEmpty(narrow))
                    .isInstanceOf(KbException.class)
                    .hasMessageStartingWith(
                            "Cannot load sample article 'print-windows-update' (sample-kb.jsonl line 1): ")
                    .hasMessageContaining("more)");
        }
    }

    @Test
    void loadIfEmpty_keepsTheSamplesHistory_andMovesItsTimesToJustBeforeLoading() {
        Article survivor =
                kb.article(summary.articles().get("print-windows-update")).orElseThrow();
        List<org.kcskb.article.Revision> history = kb.history(survivor.id()).revisions();

        assertThat(history)
                .extracting(r -> r.author().id() + " " + r.state() + " " + r.audience())
                .containsExactly(
                        "agent-mara NOT_VALIDATED INTERNAL",
                        "coach-eva VALIDATED INTERNAL",
                        "pub-kim VALIDATED PUBLIC");
        Instant loaded = Instant.now();
        Instant last =
                articles.stream().map(Article::modified).max(Instant::compareTo).orElseThrow();
        assertThat(last).isBetween(loaded.minus(Duration.ofMinutes(10)), loaded);
        assertThat(history.getFirst().at()).isBefore(history.getLast().at());
        assertThat(kb.links(survivor.id()))
                .allSatisfy(l -> assertThat(l.linkedAt()).isBetween(loaded.minus(Duration.ofHours(1)), loaded));
    }

    @Test
    void sampleFile_isAnExport_everyLineAsTheWriterWritesIt_withTheArticleKeysAsSourceIds() throws Exception {
        List<String> lines;
        try (var in = SampleKnowledgeBase.class.getResourceAsStream(SampleKnowledgeBase.RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }

        assertThat(lines).hasSize(summary.articles().size());
        for (int i = 0; i < lines.size(); i++) {
            TransferArticle record = ArticleJsonLines.parse(lines.get(i));
            assertThat(ArticleJsonLines.format(record)).as("line %d", i + 1).isEqualTo(lines.get(i));
            assertThat(record.sourceId()).matches("[a-z0-9][a-z0-9-]*");
        }
        assertThat(List.copyOf(summary.articles().keySet()))
                .isEqualTo(lines.stream()
                        .map(l -> ArticleJsonLines.parse(l).sourceId())
                        .toList());
    }

    @Test
    void loadIfEmpty_loadsOnlyOnTheFirstStart_ofAPersistentKnowledgeBase(@TempDir Path directory) {
        int loaded;
        try (KnowledgeBase first = KnowledgeBase.open(directory)) {
            loaded = SampleKnowledgeBase.loadIfEmpty(first).articles().size();
        }
        try (KnowledgeBase restarted = KnowledgeBase.open(directory)) {
            assertThat(SampleKnowledgeBase.loadIfEmpty(restarted).loaded()).isFalse();
            assertThat(restarted.article(ArticleId.of("KB-" + loaded))).isPresent();
            assertThat(restarted.article(ArticleId.of("KB-" + (loaded + 1)))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            druckertreiber update      | print-windows-update
            Drucker druckt nicht       | print-windows-update
            Kennwortrücksetzung        | mail-kennwort-link
            Rechnungsadresse ändern    | billing-rechnungsadresse
            Schlieren auf dem Ausdruck | print-streifen
            vpn drops every hour       | vpn-hourly-disconnect
            can't pay with my card     | billing-card-declined
            invoice not arriving email | billing-invoice-email
            """)
    void search_asThePublic_ranksTheExpectedArticleInTheTopThree(String query, String expectedKey) {
        List<ArticleId> top = kb.search(SearchRequest.of(query, Viewer.anonymous())).hits().stream()
                .limit(3)
                .map(SearchHit::id)
                .toList();

        assertThat(top).contains(summary.articles().get(expectedKey));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("org.kcskb.examples.SampleKnowledgeBase#INTERNAL_ONLY_TERMS")
    void search_neverFindsInternalOnlyTerms_asThePublicOrAPartner_butAnAgentDoes(String term) {
        assertThat(kb.search(SearchRequest.of(term, Viewer.anonymous())).hits()).isEmpty();
        assertThat(kb.search(SearchRequest.of(term, Viewer.partner("reseller-1")))
                        .hits())
                .isEmpty();
        assertThat(kb.search(SearchRequest.of(term, AGENT)).hits())
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.audience()).isEqualTo(Audience.INTERNAL));
    }

    @Test
    void internalOnlyTerms_appearOnlyInInternalArticles_andNoWordOfThemInOthers() {
        for (String term : SampleKnowledgeBase.INTERNAL_ONLY_TERMS) {
            assertThat(articles)
                    .as(term)
                    .filteredOn(a -> text(a).contains(term.toLowerCase(Locale.ROOT)))
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.audience()).isEqualTo(Audience.INTERNAL));
            for (String word : term.toLowerCase(Locale.ROOT).split(" ")) {
                assertThat(articles)
                        .as(word)
                        .filteredOn(a -> a.audience() != Audience.INTERNAL)
                        .noneSatisfy(a -> assertThat(text(a)).contains(word));
            }
        }
    }

    /** Every text of an article that search indexes, in lower case. */
    private static String text(Article article) {
        return String.join(
                        " ",
                        article.title(),
                        article.issue(),
                        article.resolution(),
                        article.cause(),
                        article.environment().text(),
                        String.join(" ", article.environment().attributes().values()),
                        String.join(" ", article.content().tags()))
                .toLowerCase(Locale.ROOT);
    }

    @Test
    void search_showsPartnerArticles_toPartnersOnly() {
        ArticleId partnerArticle = summary.articles().get("print-firmware-partner");
        String query = "Firmware-Update Flottenmanager";

        assertThat(kb.search(SearchRequest.of(query, Viewer.partner("reseller-1")))
                        .hits())
                .extracting(SearchHit::id)
                .contains(partnerArticle);
        assertThat(kb.search(SearchRequest.of(query, Viewer.anonymous())).hits())
                .extracting(SearchHit::id)
                .doesNotContain(partnerArticle);
    }

    @Test
    void read_namesTheSourceAndLine_ofALineThatIsNoArticle() {
        String valid = "{\"sourceId\":\"a\",\"revisions\":[{\"title\":\"T\",\"issue\":\"I\",\"author\":\"x\","
                + "\"at\":\"2024-01-01T00:00:00Z\"}]}";

        assertThat(SampleKnowledgeBase.read(new StringReader(valid + "\n\n" + valid.replace("\"a\"", "\"b\"")), "t"))
                .extracting(SampleKnowledgeBase.Line::number)
                .containsExactly(1L, 3L);
        assertThatThrownBy(() -> SampleKnowledgeBase.read(
                        new StringReader(valid + "\n" + valid.replace("\"title\"", "\"titel\"")), "test.jsonl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("test.jsonl line 2 is no article: unknown field 'titel'");
        assertThatThrownBy(() -> SampleKnowledgeBase.read(new StringReader("\n"), "test.jsonl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("test.jsonl holds no articles");
    }

    @Test
    void sample_writesStepsALinkAndATableInMarkdown_thatSearchReadsWithoutMarkup() {
        Article article =
                kb.article(summary.articles().get("print-windows-update")).orElseThrow();
        assertThat(article.content().format()).isEqualTo(TextFormat.MARKDOWN);
        assertThat(articles)
                .filteredOn(a -> a.content().format() == TextFormat.PLAIN)
                .hasSizeGreaterThan(50);

        String html = ArticleRenderer.create().html(article.content(), TextField.RESOLUTION);
        assertThat(html)
                .contains("<ol>\n<li>Öffnen Sie <strong>Einstellungen &gt; Bluetooth und Geräte")
                .contains("aus dem <a href=\"https://acme.example/support/print\" rel=\"noopener nofollow\""
                        + " target=\"_blank\">Acme Download-Center</a> herunter und installieren Sie ihn")
                .contains("<table>", "<td>Windows 11 23H2</td>")
                .doesNotContain("**", "](");

        List<SearchHit> hits = kb.search(SearchRequest.of("Download-Center Treiberisolierung", Viewer.anonymous()))
                .hits();
        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().id()).isEqualTo(article.id());
        assertThat(hits.getFirst().snippet()).doesNotContain("**", "](", "|", "https:");
    }
}
