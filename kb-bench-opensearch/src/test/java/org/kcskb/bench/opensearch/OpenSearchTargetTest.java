package org.kcskb.bench.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;
import org.kcskb.search.SearchResult;
import org.opensearch.client.opensearch.core.SearchResponse;

/** Both OpenSearch engines answer the page workload with the same visible articles, on one real node. */
class OpenSearchTargetTest {
    private static final BenchmarkCorpus CORPUS = new BenchmarkCorpus(
            "tiny",
            List.of(
                    article("Drucker druckt nicht mehr", Locale.GERMAN, "Acme Print", CorpusArticle.Audience.PUBLIC),
                    article(
                            "The printer stopped printing",
                            Locale.ENGLISH,
                            "Acme Print",
                            CorpusArticle.Audience.PARTNER),
                    article("The printer is very <slow>", Locale.ENGLISH, "Acme VPN", CorpusArticle.Audience.PUBLIC),
                    article("Printer secret notes", Locale.ENGLISH, "Acme Print", CorpusArticle.Audience.INTERNAL)),
            List.of("printer drucker", "printer"));

    private static BenchCluster cluster;

    @BeforeAll
    static void start() {
        cluster = BenchCluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void raw_page_returnsPublicTitlesWithEscapedMarkedSnippets() {
        try (var raw = new RawOpenSearchTarget()) {
            raw.open(cluster.url(), CORPUS, SearchWorkload.PAGE, 10, HitCount.EXACT);

            var response = (SearchResponse<?>) raw.search(1);

            assertThat(response.hits().hits()).hasSize(1);
            var hit = response.hits().hits().getFirst();
            assertThat(hit.source().toString()).contains("The printer is very <slow>");
            assertThat(hit.highlight().get(RawOpenSearchTarget.BODY_EN).toString())
                    .contains("<mark>printer</mark>", "&lt;slow&gt;");
            assertThat(response.hits().total().value()).isEqualTo(1);
        }
    }

    @Test
    void raw_filtered_findsPartnerArticlesOfTheProduct() {
        try (var raw = new RawOpenSearchTarget()) {
            raw.open(cluster.url(), CORPUS, SearchWorkload.FILTERED, 10, HitCount.TOP);

            var response = (SearchResponse<?>) raw.search(1);

            assertThat(response.hits().hits()).extracting(h -> h.id()).containsExactly("1");
        }
    }

    @Test
    void kb_page_findsOnlyPublicArticles_withSnippets() {
        try (var kb = new KbOpenSearchTarget()) {
            kb.open(cluster.url(), CORPUS, SearchWorkload.PAGE, 10, HitCount.DEFAULT);

            var result = (SearchResult) kb.search(1);

            assertThat(result.hits())
                    .extracting(hit -> hit.title())
                    .contains("The printer is very <slow>")
                    .doesNotContain("Printer secret notes", "The printer stopped printing");
            assertThat(result.hits().getFirst().snippet()).contains("<mark>");
        }
    }

    @Test
    void unknownEngine_namesTheValidOnes() {
        assertThatThrownBy(() -> OpenSearchTarget.of("elastic")).hasMessageContaining("kb-opensearch, opensearch");
    }

    private static CorpusArticle article(
            String text, Locale language, String product, CorpusArticle.Audience audience) {
        return new CorpusArticle(text, text, "", language, product, "1.0", audience);
    }
}
