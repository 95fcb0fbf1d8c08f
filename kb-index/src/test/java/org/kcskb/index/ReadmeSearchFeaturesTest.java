package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;

/** The README's "Search as you type, typos, duplicates" section, as written there. */
class ReadmeSearchFeaturesTest {
    @TempDir
    Path directory;

    @Test
    void readmeSection_compilesAndRuns() {
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            Actor agent = Actor.publisher("agent-7");
            Article article = kb.capture(
                    agent,
                    Draft.of(ArticleContent.of(
                                            "Drucker druckt nicht nach Update",
                                            "Seit dem Windows-Update druckt der Drucker nicht mehr")
                                    .withResolution("Druckertreiber 5.1 installieren"))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
            kb.capture(
                    agent,
                    Draft.of(ArticleContent.of("Printer driver fails", "The printer driver stopped working")
                                    .withResolution("Reinstall the printer driver"))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
            kb.awaitSearchable(Duration.ofSeconds(10));

            // --- README ---
            Viewer visitor = Viewer.anonymous();

            // Suggestions while typing: titles and queries that led others to an answer, only what this viewer may
            // see.
            for (Suggestion s : kb.suggest("druck", visitor, 5)) {
                System.out.println(s.highlighted()); // HTML-escaped, matches in <mark>
            }

            // Typos are forgiven (one edit for words of 5-8 characters, two from 9), and corrected queries are
            // offered.
            SearchResult result = kb.search(SearchRequest.of("pirnter driver", visitor));
            result.didYouMean().ifPresent(fix -> System.out.println("Did you mean: " + fix));
            // A query that finds nothing as typed shows the results of a relaxed form of it ("how do i logn").
            result.relaxation().ifPresent(r -> System.out.println("Showing results for: " + r.query()));

            // While capturing: does this already exist?
            for (SimilarArticle similar : kb.similar(
                    agent,
                    Draft.of(ArticleContent.of(
                            "Drucker druckt nicht mehr nach Windows Update", "Seit dem Update druckt nichts mehr")))) {
                System.out.printf(
                        "Looks like %s (%.0f %%): %s%n",
                        similar.id(), 100 * similar.similarity(), similar.matchedTerms());
            }

            // "See also" on an article page, and the result cache's statistics.
            List<SearchHit> related = kb.related(article.id(), visitor, 5);
            QueryCacheStats cache = kb.queryCacheStats();
            // --- end of README ---

            assertThat(result.hits()).first().extracting(SearchHit::title).isEqualTo("Printer driver fails");
            assertThat(result.didYouMean()).contains("printer driver");
            assertThat(kb.similar(agent, Draft.of(ArticleContent.of("Drucker druckt nicht mehr", "nach Update"))))
                    .first()
                    .extracting(SimilarArticle::id)
                    .isEqualTo(article.id());
            assertThat(related).extracting(SearchHit::id).doesNotContain(article.id());
            assertThat(cache.misses()).isPositive();
        }
    }
}
