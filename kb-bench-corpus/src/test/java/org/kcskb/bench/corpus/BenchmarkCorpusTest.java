package org.kcskb.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkCorpusTest {
    @TempDir
    Path dir;

    @Test
    void synthetic_isReproducible_andSizedByName() {
        var first = BenchmarkCorpus.load("synthetic-2k", dir);
        var second = BenchmarkCorpus.load("synthetic-2000", dir);

        assertThat(first.articles()).hasSize(2_000).isEqualTo(second.articles());
        assertThat(first.queries()).hasSize(BenchmarkCorpus.SYNTHETIC_QUERIES).isEqualTo(second.queries());
    }

    @Test
    void synthetic_mixesLanguagesAndAudiences() {
        var articles = BenchmarkCorpus.load("synthetic-1k", dir).articles();

        assertThat(articles).extracting(CorpusArticle::language).contains(Locale.GERMAN, Locale.ENGLISH);
        assertThat(articles).extracting(CorpusArticle::audience).contains(CorpusArticle.Audience.values());
        assertThat(articles)
                .filteredOn(a -> a.product().equals(SearchWorkload.FILTER_PRODUCT))
                .isNotEmpty();
    }

    @Test
    void badSize_isRejected_withAnExample() {
        assertThatThrownBy(() -> BenchmarkCorpus.load("synthetic-lots", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthetic-lots")
                .hasMessageContaining("synthetic-10k");
    }

    @Test
    void dataSet_readsArticlesAndQueries_withLanguageFromName() throws IOException {
        Path set = Files.createDirectories(dir.resolve("faq-de"));
        Files.write(
                set.resolve("corpus.jsonl"),
                List.of(
                        "{\"id\": \"d1\", \"title\": \"Drucker druckt nicht\", \"text\": \"Treiber neu installieren.\"}",
                        "",
                        "{\"id\": \"d2\", \"title\": \"\", \"text\": \"\"}",
                        "{\"id\": \"d3\", \"text\": \"Nur Text ohne Titel\"}"));
        Files.write(set.resolve("queries.jsonl"), List.of("{\"id\": \"q1\", \"text\": \"Drucker kaputt\"}"));

        var corpus = BenchmarkCorpus.load("faq-de", dir);

        assertThat(corpus.articles()).hasSize(2);
        assertThat(corpus.articles().getFirst().issue()).isEqualTo("Treiber neu installieren.");
        assertThat(corpus.articles().get(1).title()).isEqualTo("Nur Text ohne Titel");
        assertThat(corpus.articles()).extracting(CorpusArticle::language).containsOnly(Locale.GERMAN);
        assertThat(corpus.queries()).containsExactly("Drucker kaputt");
    }

    @Test
    void unknownName_saysWhatIsValid() {
        assertThatThrownBy(() -> BenchmarkCorpus.load("nope-en", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope-en")
                .hasMessageContaining("synthetic-10k")
                .hasMessageContaining(BenchmarkCorpus.DATA_PROPERTY);
    }

    @Test
    void hitCount_thresholds() {
        assertThat(HitCount.TOP.threshold(10)).isEqualTo(10);
        assertThat(HitCount.DEFAULT.threshold(10)).isEqualTo(1_000);
        assertThat(HitCount.DEFAULT.threshold(1_010)).isEqualTo(1_010);
        assertThat(HitCount.EXACT.threshold(10)).isEqualTo(Integer.MAX_VALUE);
        assertThat(HitCount.of("exact")).isEqualTo(HitCount.EXACT);
        assertThatThrownBy(() -> HitCount.of("all")).hasMessageContaining("top, default, exact");
        assertThat(SearchWorkload.of("deep").offset()).isEqualTo(SearchWorkload.DEEP_OFFSET);
        assertThatThrownBy(() -> SearchWorkload.of("x")).hasMessageContaining("text, filtered, facets, deep");
    }
}
