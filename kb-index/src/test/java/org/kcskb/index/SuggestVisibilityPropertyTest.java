package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;

/**
 * Over randomly generated knowledge bases, answered queries and visibility rules (own-only grants included), no
 * suggestion names or derives from an article the viewer may not see: a title only of a visible article, a query
 * only when a visible article answered it. Every title and query carries a marker word unique to its article, so
 * that a suggestion can be traced to where it came from. Each repetition prints its seed; rerun one with
 * {@code -Dkb.test.seed=N}.
 */
class SuggestVisibilityPropertyTest {
    private static final Actor ADMIN = Actor.administrator("admin");
    private static final List<String> AUTHORS = List.of("author-1", "author-2", "author-3");
    private static final List<String> WORDS = List.of(
            "drucker",
            "druckertreiber",
            "treiber",
            "update",
            "netzwerk",
            "passwort",
            "printer",
            "driver",
            "fehler",
            "anmeldung",
            "anmeldefehler",
            "störung");

    @RepeatedTest(4)
    void noSuggestionEverRevealsAnInvisibleArticle(RepetitionInfo repetition) {
        long seed = Long.getLong("kb.test.seed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("SuggestVisibilityPropertyTest seed: " + seed);
        var random = new Random(seed);
        // Random rules: each viewer id gets random grants, some own-only, so that the author term is exercised.
        Map<String, Set<Visibility.Grant>> rules = new HashMap<>();
        List<String> viewerIds = new ArrayList<>(AUTHORS);
        viewerIds.add("public");
        for (String id : viewerIds) {
            var grants = new HashSet<Visibility.Grant>();
            for (ArticleState state : ArticleState.values()) {
                for (Audience audience : Audience.values()) {
                    if (random.nextInt(3) == 0) {
                        grants.add(new Visibility.Grant(state, audience, random.nextBoolean()));
                    }
                }
            }
            rules.put(id, grants);
        }
        VisibilityPolicy policy =
                (viewer, archived) -> new Visibility(viewer, rules.getOrDefault(viewer.id(), rules.get("public")));
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .visibilityPolicy(policy)
                .refreshInterval(Duration.ofMillis(50))
                .build()) {
            Map<ArticleId, String> markers = new HashMap<>();
            int count = 15 + random.nextInt(25);
            for (int i = 0; i < count; i++) {
                String marker = "zq" + Long.toString(random.nextLong() & 0xffffL, 36) + "x" + i;
                Article article = capture(kb, random, marker);
                markers.put(article.id(), marker);
            }
            answerQueries(kb, random, markers);
            check(kb, random, policy, markers, seed);
            // Move articles between states, audiences and titles, then check again: no stale visibility.
            for (ArticleId id : new ArrayList<>(markers.keySet())) {
                if (random.nextInt(3) == 0) {
                    Article current = kb.article(id).orElseThrow();
                    ArticleState state = current.state() == ArticleState.VALIDATED
                            ? ArticleState.NOT_VALIDATED
                            : current.state() == ArticleState.ARCHIVED
                                    ? ArticleState.NOT_VALIDATED
                                    : ArticleState.VALIDATED;
                    var update = Update.of(current.revision())
                            .state(state)
                            .audience(Audience.values()[random.nextInt(Audience.values().length)]);
                    if (random.nextBoolean()) {
                        update = update.content(current.content().withTitle(words(random, 2) + " " + markers.get(id)));
                    }
                    kb.update(ADMIN, id, update);
                }
            }
            check(kb, random, policy, markers, seed);
        }
    }

    private static Article capture(KnowledgeBase kb, Random random, String marker) {
        var content = ArticleContent.of(words(random, 2) + " " + marker + " " + words(random, 1), words(random, 8))
                .withResolution(words(random, 4))
                .withLanguage(random.nextBoolean() ? Locale.GERMAN : Locale.ENGLISH);
        Actor author = Actor.administrator(AUTHORS.get(random.nextInt(AUTHORS.size())));
        Article article = kb.capture(
                author,
                Draft.of(content)
                        .withState(ArticleState.values()[random.nextInt(3)])
                        .withAudience(Audience.values()[random.nextInt(3)]));
        if (random.nextInt(6) == 0) {
            article =
                    kb.update(ADMIN, article.id(), Update.of(article.revision()).state(ArticleState.ARCHIVED));
        }
        return article;
    }

    /**
     * Searches for each article's marker with a shared word, and clicks the article when it is among the hits:
     * answered queries, each by three distinct visitors of one random audience (the least that is learned).
     */
    private static void answerQueries(KnowledgeBase kb, Random random, Map<ArticleId, String> markers) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        for (var entry : markers.entrySet()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            String query = words(random, 1) + " " + entry.getValue();
            int kind = random.nextInt(3);
            for (int visitor = 0; visitor < 3; visitor++) {
                Viewer viewer =
                        switch (kind) {
                            case 0 -> Viewer.anonymous();
                            case 1 -> Viewer.partner("partner-" + visitor);
                            default -> Viewer.agent(Actor.administrator("learner-" + visitor));
                        };
                SearchResult result = kb.search(SearchRequest.builder(query, viewer)
                        .visitor("visitor-" + visitor)
                        .build());
                int position =
                        result.hits().stream().map(SearchHit::id).toList().indexOf(entry.getKey());
                if (position >= 0) {
                    kb.recordClick(
                            viewer,
                            entry.getKey(),
                            SearchOrigin.of(result.searchId().orElseThrow(), position + 1));
                }
            }
        }
        assertThat(kb.analytics().answeredQueries(ReportQuery.all())).isNotNull();
    }

    private static String words(Random random, int n) {
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    private static void check(
            KnowledgeBase kb, Random random, VisibilityPolicy policy, Map<ArticleId, String> markers, long seed) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        Map<ArticleId, Article> articles = new HashMap<>();
        Map<String, ArticleId> byMarker = new HashMap<>();
        markers.forEach((id, marker) -> {
            articles.put(id, kb.article(id).orElseThrow());
            byMarker.put(marker, id);
        });
        var typed = new ArrayList<String>();
        for (String word : WORDS) {
            typed.add(word.substring(0, 1 + random.nextInt(word.length())));
        }
        typed.add("treib");
        typed.add("fehl");
        markers.values().stream().limit(8).forEach(m -> typed.add(m.substring(0, 3 + random.nextInt(m.length() - 2))));
        markers.values().stream().limit(4).forEach(m -> typed.add(words(random, 1) + " " + m));

        List<Viewer> viewers = new ArrayList<>();
        viewers.add(Viewer.anonymous());
        AUTHORS.forEach(a -> viewers.add(Viewer.agent(Actor.contributor(a))));
        for (String prefix : typed) {
            for (Viewer viewer : viewers) {
                Visibility visibility = policy.visibleTo(viewer, false);
                String context = "seed " + seed + ", typed '" + prefix + "', viewer " + viewer.id();
                List<Suggestion> suggestions = kb.suggest(prefix, viewer, 20);
                Set<String> seen = new HashSet<>();
                for (Suggestion suggestion : suggestions) {
                    assertThat(seen.add(suggestion.text().toLowerCase(Locale.ROOT)))
                            .as(context + ": shown once: " + suggestion)
                            .isTrue();
                    String marker = markerOf(suggestion.text(), byMarker);
                    assertThat(marker).as(context + ": traceable " + suggestion).isNotNull();
                    ArticleId source = byMarker.get(marker);
                    Article article = articles.get(source);
                    assertThat(visibility.permits(article))
                            .as(context + ": " + suggestion + " derives from " + article)
                            .isTrue();
                    assertThat(article.state()).as(context).isNotEqualTo(ArticleState.ARCHIVED);
                    suggestion
                            .article()
                            .ifPresent(id -> assertThat(id).as(context).isEqualTo(source));
                    if (suggestion.kind() == Suggestion.Kind.TITLE) {
                        assertThat(suggestion.text()).as(context).isEqualTo(article.title());
                    }
                }
                // And nothing visible is missing: every visible title matching a marker prefix is suggested.
                if (prefix.startsWith("zq") && !prefix.contains(" ")) {
                    List<String> expected = articles.values().stream()
                            .filter(a -> a.state() != ArticleState.ARCHIVED && visibility.permits(a))
                            .map(Article::title)
                            .filter(title -> List.of(title.split(" ")).stream().anyMatch(w -> w.startsWith(prefix)))
                            .toList();
                    assertThat(suggestions)
                            .as(context)
                            .extracting(Suggestion::text)
                            .containsAll(expected);
                }
            }
        }
        // The search filter and the suggestion filter agree on which articles a marker reveals.
        for (Viewer viewer : viewers) {
            for (String marker : markers.values()) {
                List<ArticleId> hits = kb
                        .search(SearchRequest.builder(marker, viewer)
                                .includeArchived(false)
                                .limit(SearchRequest.MAX_LIMIT)
                                .build())
                        .hits()
                        .stream()
                        .map(SearchHit::id)
                        .toList();
                // Only this article's own title counts: one marker can be a prefix of another ("zq1x1", "zq1x10").
                ArticleId id = byMarker.get(marker);
                boolean suggested = kb.suggest(marker, viewer, 20).stream()
                        .anyMatch(s ->
                                s.kind() == Suggestion.Kind.TITLE && s.article().equals(Optional.of(id)));
                assertThat(suggested)
                        .as("seed " + seed + ", marker " + marker + ", viewer " + viewer.id())
                        .isEqualTo(hits.contains(id) && articles.get(id).state() != ArticleState.ARCHIVED);
            }
        }
    }

    private static String markerOf(String text, Map<String, ArticleId> byMarker) {
        for (String word : text.split(" ")) {
            if (byMarker.containsKey(word)) {
                return word;
            }
        }
        return null;
    }
}
