package org.kcskb.bench.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.junit.jupiter.api.Test;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;

class EmbeddedSolrTest {
    private static final BenchmarkCorpus CORPUS = new BenchmarkCorpus(
            "tiny",
            List.of(
                    article("Drucker druckt nicht", Locale.GERMAN, "Acme Print", CorpusArticle.Audience.PUBLIC),
                    article(
                            "The printer stopped printing",
                            Locale.ENGLISH,
                            "Acme Print",
                            CorpusArticle.Audience.PARTNER),
                    article("The printer is slow", Locale.ENGLISH, "Acme VPN", CorpusArticle.Audience.PUBLIC),
                    article("Printer secret", Locale.ENGLISH, "Acme Print", CorpusArticle.Audience.INTERNAL)),
            List.of("printer (AND) drucker?", "printers"));

    @Test
    void text_findsPublicArticlesInBothLanguages_withSyntaxReadAsWords() {
        try (var solr = new EmbeddedSolr()) {
            solr.open(CORPUS, SearchWorkload.TEXT, 10, HitCount.EXACT);

            QueryResponse response = solr.search(0);

            assertThat(ids(response)).containsExactlyInAnyOrder("0", "2");
            assertThat(response.getResults().getNumFound()).isEqualTo(2);
        }
    }

    @Test
    void filtered_seesPartnerArticlesOfTheProductOnly() {
        try (var solr = new EmbeddedSolr()) {
            solr.open(CORPUS, SearchWorkload.FILTERED, 10, HitCount.DEFAULT);

            assertThat(ids(solr.search(1))).containsExactly("1");
        }
    }

    @Test
    void facets_countAndHighlight() {
        try (var solr = new EmbeddedSolr()) {
            solr.open(CORPUS, SearchWorkload.FACETS, 10, HitCount.TOP);

            QueryResponse response = solr.search(1);

            assertThat(response.getFacetField("product").getValues()).isNotEmpty();
            assertThat(response.getHighlighting()).isNotEmpty();
        }
    }

    @Test
    void page_returnsTitlesAndMarkedSnippets_countingAsTheLibrary() {
        assertThat(EmbeddedSolr.query("x", SearchWorkload.PAGE, 10, HitCount.EXACT)
                        .get("minExactCount"))
                .isEqualTo(Integer.toString(HitCount.DEFAULT_THRESHOLD));
        try (var solr = new EmbeddedSolr()) {
            solr.open(CORPUS, SearchWorkload.PAGE, 10, HitCount.DEFAULT);

            QueryResponse response = solr.search(1);

            assertThat(response.getResults().getFirst().getFieldValue("title")).isEqualTo("The printer is slow");
            assertThat(response.getHighlighting().toString()).contains("<mark>printer</mark>");
        }
    }

    @Test
    void topPolicy_asksForMinExactCount_exactDoesNot() {
        assertThat(EmbeddedSolr.query("x", SearchWorkload.DEEP, 10, HitCount.TOP)
                        .get("minExactCount"))
                .isEqualTo("1010");
        assertThat(EmbeddedSolr.query("x", SearchWorkload.TEXT, 10, HitCount.EXACT)
                        .get("minExactCount"))
                .isNull();
        assertThat(EmbeddedSolr.escape("a (b) OR c")).isEqualTo("a \\(b\\) \\OR c");
    }

    private static List<String> ids(QueryResponse response) {
        return response.getResults().stream()
                .map(d -> (String) d.getFieldValue("id"))
                .toList();
    }

    private static CorpusArticle article(
            String text, Locale language, String product, CorpusArticle.Audience audience) {
        return new CorpusArticle(text, text, "", language, product, "1.0", audience);
    }
}
