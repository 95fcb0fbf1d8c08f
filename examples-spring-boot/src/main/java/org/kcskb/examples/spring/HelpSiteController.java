package org.kcskb.examples.spring;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public help site's search API: everything is answered for the anonymous public viewer, so only validated
 * public articles can appear, in hits, totals and suggestions alike. The knowledge base is the starter's bean,
 * injected.
 */
@RestController
@RequestMapping("/api")
class HelpSiteController {
    private static final Viewer PUBLIC = Viewer.anonymous();
    private static final int PAGE_SIZE = 10;

    private final KnowledgeBase kb;

    HelpSiteController(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** One hit as the widget shows it. */
    record Hit(String id, String title, String snippet) {
        static Hit of(SearchHit hit) {
            return new Hit(hit.id().value(), hit.title(), hit.snippet());
        }
    }

    /** One page of results. */
    record SearchPage(String query, long total, List<Hit> hits, Optional<String> didYouMean, int page) {}

    /** A completion of what is typed. */
    record Completion(String text, String kind, Optional<String> article) {
        static Completion of(Suggestion suggestion) {
            return new Completion(
                    suggestion.text(),
                    suggestion.kind().name().toLowerCase(Locale.ROOT),
                    suggestion.article().map(ArticleId::value));
        }
    }

    /** A public article. */
    record ArticleView(String id, String title, String issue, String resolution) {}

    /** An error the client can act on. */
    record Problem(String error) {}

    /** {@code GET /api/search?q=...&lang=de&page=0}: ten hits a page. */
    @GetMapping("/search")
    SearchPage search(
            @RequestParam("q") String query,
            @RequestParam(name = "lang", required = false) Locale language,
            @RequestParam(name = "page", defaultValue = "0") int page) {
        if (page < 0 || page > 100) {
            throw new InvalidInputException("page", page, "must be between 0 and 100");
        }
        SearchRequest.Builder request =
                SearchRequest.builder(query, PUBLIC).limit(PAGE_SIZE).offset(page * PAGE_SIZE);
        if (language != null) {
            request.language(language);
        }
        SearchResult result = kb.search(request.build());
        return new SearchPage(
                query, result.totalHits(), result.hits().stream().map(Hit::of).toList(), result.didYouMean(), page);
    }

    /** {@code GET /api/suggest?q=...}: up to eight completions. */
    @GetMapping("/suggest")
    List<Completion> suggest(@RequestParam("q") String prefix) {
        return kb.suggest(prefix, PUBLIC, 8).stream().map(Completion::of).toList();
    }

    /** {@code GET /api/articles/KB-1}: a public article, or 404 (also for one the public may not see). */
    @GetMapping("/articles/{id}")
    ResponseEntity<ArticleView> article(@PathVariable("id") String id) {
        Optional<Article> article = kb.article(ArticleId.of(id), PUBLIC);
        return article.map(a -> ResponseEntity.ok(new ArticleView(
                        a.id().value(),
                        a.title(),
                        a.content().issue(),
                        a.content().resolution())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler({InvalidInputException.class, IllegalArgumentException.class})
    ResponseEntity<Problem> badRequest(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Problem(e.getMessage()));
    }
}
