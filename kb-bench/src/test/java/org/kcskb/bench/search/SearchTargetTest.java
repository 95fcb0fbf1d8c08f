package org.kcskb.bench.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.kcskb.search.SearchResult;

/** Both kb-bench engines answer the same workload with the same visible articles. */
class SearchTargetTest {
    private static final BenchmarkCorpus CORPUS = new BenchmarkCorpus(
            "tiny",
            List.of(
                    article("Drucker druckt nicht mehr", Locale.GERMAN, "Acme Print", CorpusArticle.Audience.PUBLIC),
                    article(
                            "The printer stopped printing",
                            Locale.ENGLISH,
                            "Acme Print",
                            CorpusArticle.Audience.PARTNER),
                    article("The printer is very slow", Locale.ENGLISH, "Acme VPN", CorpusArticle.Audience.PUBLIC),
                    article("Printer secret notes", Locale.ENGLISH, "Acme Print", CorpusArticle.Audience.INTERNAL)),
            List.of("printer drucker", "printer"));

    @Test
    void lucene_text_findsOnlyPublicArticles_inBothLanguages() {
        try (var lucene = new LuceneSearchTarget()) {
            lucene.open(CORPUS, SearchWorkload.TEXT, 10, HitCount.EXACT);

            assertThat(ids(lucene.search(0))).containsExactlyInAnyOrder("0", "2");
        }
    }

    @Test
    void lucene_filtered_findsPartnerArticlesOfTheProduct() {
        try (var lucene = new LuceneSearchTarget()) {
            lucene.open(CORPUS, SearchWorkload.FILTERED, 10, HitCount.TOP);

            assertThat(ids(lucene.search(1))).containsExactly("1");
        }
    }

    @Test
    void lucene_facets_countsAndHighlights() {
        try (var lucene = new LuceneSearchTarget()) {
            lucene.open(CORPUS, SearchWorkload.FACETS, 10, HitCount.DEFAULT);

            List<?> result = (List<?>) lucene.search(1);

            assertThat(result.toString()).contains("dim=product", "Acme VPN", "<b>");
        }
    }

    @Test
    void lucene_page_returnsTitlesAndEscapedMarkedSnippets_ofPublicArticles() {
        var corpus = new BenchmarkCorpus(
                "tiny",
                List.of(
                        new CorpusArticle(
                                "Printer <offline>",
                                "The printer is offline & silent",
                                "",
                                Locale.ENGLISH,
                                "",
                                "",
                                CorpusArticle.Audience.PUBLIC),
                        article("Printer secret notes", Locale.ENGLISH, "", CorpusArticle.Audience.INTERNAL)),
                List.of("printer"));
        try (var lucene = new LuceneSearchTarget()) {
            lucene.open(corpus, SearchWorkload.PAGE, 10, HitCount.EXACT);

            String page = lucene.search(0).toString();

            assertThat(page)
                    .contains("Printer <offline>", "<mark>Printer</mark> &lt;offline&gt;", "&amp;")
                    .doesNotContain("secret");
        }
    }

    @Test
    void kb_text_findsOnlyPublicArticles() {
        try (var kb = new KbSearchTarget()) {
            kb.open(CORPUS, SearchWorkload.TEXT, 10, HitCount.DEFAULT);

            assertThat(titles(kb.search(1)))
                    .isNotEmpty()
                    .doesNotContain("Printer secret notes", "The printer stopped printing");
        }
    }

    @Test
    void kb_filtered_findsPartnerArticlesOfTheProductOnly() {
        try (var kb = new KbSearchTarget()) {
            kb.open(CORPUS, SearchWorkload.FILTERED, 10, HitCount.DEFAULT);

            assertThat(titles(kb.search(1)))
                    .contains("The printer stopped printing")
                    .doesNotContain("Printer secret notes", "The printer is very slow");
        }
    }

    @Test
    void unknownEngine_namesTheValidOnes() {
        assertThatThrownBy(() -> SearchTarget.of("elastic")).hasMessageContaining("kb, lucene");
    }

    private static List<String> titles(Object result) {
        return ((SearchResult) result).hits().stream().map(hit -> hit.title()).toList();
    }

    private static List<String> ids(Object result) {
        return ((List<?>) result)
                .stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .toList();
    }

    private static CorpusArticle article(
            String text, Locale language, String product, CorpusArticle.Audience audience) {
        return new CorpusArticle(text, text, "", language, product, "1.0", audience);
    }
}
