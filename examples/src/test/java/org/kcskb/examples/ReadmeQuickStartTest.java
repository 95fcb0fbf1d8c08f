package org.kcskb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.CaseId;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;

/** The README's quick start, verbatim between the markers: if this stops compiling, fix the README too. */
class ReadmeQuickStartTest {
    @TempDir
    Path directory;

    @Test
    void quickStart_runsAsWritten() {
        // README quick start: begin
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            Actor agent = Actor.candidate("agent-7");

            // Capture: the customer's words, during the case.
            Article article = kb.capture(
                    agent,
                    Draft.of(ArticleContent.of(
                                            "Drucker druckt nach Windows-Update nicht mehr",
                                            "Seit dem Update druckt der Drucker keine Seiten mehr")
                                    .withResolution("Druckertreiber 5.1 installieren"))
                            .fromCase(CaseId.of("CASE-1001")));

            // Reuse: link it to another case. Improve: flag it.
            kb.link(agent, article.id(), CaseId.of("CASE-1002"), LinkType.RESOLUTION);
            kb.flag(agent, article.id(), FlagReason.INCOMPLETE, "Which printer models?");

            // Search early, search often (as the agent; the public sees only validated public articles).
            kb.awaitSearchable(Duration.ofSeconds(5));
            SearchResult result = kb.search(SearchRequest.of("druckertreiber update", Viewer.agent(agent)));
            result.hits().forEach(hit -> System.out.println(hit.id() + " " + hit.title()));
            // README quick start: end

            assertThat(result.hits()).extracting(h -> h.id()).contains(article.id());
            assertThat(kb.search(SearchRequest.of("druckertreiber update", Viewer.anonymous()))
                            .hits())
                    .isEmpty();
        }
    }
}
