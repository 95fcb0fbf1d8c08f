package org.kcskb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.kcskb.ContentStandardException;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
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
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.render.ArticleRenderer;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleKnowledgeBaseTest {
    private static final Viewer AGENT = Viewer.agent(Actor.contributor("x"));

    /** A valid article; each malformed case replaces the field it names and goes in as line 3. */
    private static final String VALID_ARTICLE = """
            --- article a
            title: T
            issue: I
            product: P
            language: en
            state: VALIDATED
            audience: INTERNAL
            resolution: R
            """;

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
    void loadIfEmpty_namesTheSampleArticle_whenTheKnowledgeBaseRefusesIt() {
        try (KnowledgeBase strict = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .contentStandard(ContentStandard.builder().maxTitleLength(40).build())
                .build()) {
            assertThatThrownBy(() -> SampleKnowledgeBase.loadIfEmpty(strict))
                    .isInstanceOf(KbException.class)
                    .hasMessageStartingWith("Cannot load sample article 'print-windows-update' (sample-kb.txt line ")
                    .hasCauseInstanceOf(ContentStandardException.class);
        }
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
    void parse_readsMultiLineValuesWithParagraphs() {
        var sample = SampleKnowledgeBase.parse("""
                # a comment
                --- article a
                title: Printer offline
                language: en
                product: Acme Print
                state: VALIDATED
                audience: PUBLIC
                issue: It says offline
                 although it is on.
                resolution:
                 1. Check the IP address.

                 Then try again.
                feedback: helpful | Thanks
                """, "test");

        assertThat(sample).singleElement().satisfies(a -> {
            assertThat(a.content().issue()).isEqualTo("It says offline\nalthough it is on.");
            assertThat(a.content().resolution()).isEqualTo("1. Check the IP address.\n\nThen try again.");
            assertThat(a.feedback()).containsExactly(new SampleKnowledgeBase.SampleFeedback(true, "Thanks"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            titel: Oops           | line 3: unknown field 'titel'; valid fields: title,
            state: DONE           | line 3: invalid state 'DONE'; valid values: WORK_IN_PROGRESS,
            link: CASE-1          | line 3: expected 'link: <case id> <type>'
            flag: WRONG           | line 3: invalid flag reason 'WRONG'; valid values: INCORRECT,
            merged-into: nowhere  | line 3: 'merged-into' must name another article
            feedback: helpful     | line 3: feedback comes from the public
            language: not a tag!  | line 3: invalid language: Invalid language tag
            resolution:           | line 3: field 'resolution' is empty
            format: HTML          | line 3: invalid format 'HTML'; valid values: PLAIN, MARKDOWN
            """)
    void parse_failsNamingTheLine_forMalformedInput(String badLine, String expectedMessage) {
        String field = badLine.substring(0, badLine.indexOf(':') + 1);
        var lines = new ArrayList<>(
                VALID_ARTICLE.lines().filter(l -> !l.startsWith(field)).toList());
        lines.add(2, badLine);

        assertThatThrownBy(() -> SampleKnowledgeBase.parse(String.join("\n", lines), "test.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.txt " + expectedMessage);
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

    @Test
    void parse_failsNamingTheLine_forAContinuationWithoutAField() {
        assertThatThrownBy(() -> SampleKnowledgeBase.parse("--- article a\n  stray text\n", "test.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.txt line 2: an indented line continues a field");
    }

    @Test
    void parse_failsNamingBothLines_forARepeatedField() {
        assertThatThrownBy(() -> SampleKnowledgeBase.parse("--- article a\ntitle: A\ntitle: B\n", "test.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.txt line 3: field 'title' is given twice in article 'a'; first on line 2");
    }
}
