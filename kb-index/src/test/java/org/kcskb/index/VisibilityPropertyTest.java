package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.FacetCount;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.store.ArticleStores;

/**
 * Over randomly generated knowledge bases and searches, no hit, snippet, facet count or total reveals an
 * article to a viewer who may not see it. Each repetition prints its seed; rerun one with
 * {@code -Dkb.test.seed=N}.
 */
class VisibilityPropertyTest {
    private static final Actor ADMIN = Actor.administrator("admin");
    private static final List<String> WORDS = List.of(
            "drucker",
            "treiber",
            "update",
            "netzwerk",
            "passwort",
            "printer",
            "driver",
            "network",
            "password",
            "vpn",
            "invoice",
            "rechnung",
            "fehler",
            "error",
            "login",
            "anmeldung");
    private static final List<String> PRODUCTS = List.of("Acme Print", "Acme VPN", "Acme Billing");
    private static final List<Viewer> VIEWERS = List.of(
            Viewer.anonymous(),
            Viewer.partner("partner-1"),
            Viewer.agent(Actor.candidate("cand-1")),
            Viewer.agent(Actor.contributor("contrib-1")),
            Viewer.agent(Actor.publisher("pub-1")));

    @RepeatedTest(5)
    void noResultPartEverRevealsAnInvisibleArticle(RepetitionInfo repetition) {
        long seed = Long.getLong("kb.test.seed", System.nanoTime() + repetition.getCurrentRepetition());
        System.out.println("VisibilityPropertyTest seed: " + seed);
        var random = new Random(seed);
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .refreshInterval(Duration.ofMillis(50))
                .build()) {
            Map<ArticleId, String> markers = new HashMap<>();
            int count = 20 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                String marker = "zq" + Long.toString(random.nextLong() & 0xffffffL, 36) + "x" + i;
                Article article = capture(kb, random, marker);
                markers.put(article.id(), marker);
            }
            check(kb, random, markers, seed);
            // Move some articles between states and audiences, then check again: no stale visibility.
            for (ArticleId id : new ArrayList<>(markers.keySet())) {
                if (random.nextInt(3) == 0) {
                    Article current = kb.article(id).orElseThrow();
                    Audience audience = Audience.values()[random.nextInt(3)];
                    ArticleState state = current.state() == ArticleState.VALIDATED
                            ? ArticleState.NOT_VALIDATED
                            : current.state() == ArticleState.ARCHIVED
                                    ? ArticleState.NOT_VALIDATED
                                    : ArticleState.VALIDATED;
                    kb.update(
                            ADMIN,
                            id,
                            Update.of(current.revision()).state(state).audience(audience));
                }
            }
            check(kb, random, markers, seed);
        }
    }

    private static Article capture(KnowledgeBase kb, Random random, String marker) {
        String body = words(random, 6) + " " + marker + " " + words(random, 6);
        var content = ArticleContent.of(words(random, 3), body)
                .withResolution(words(random, 5))
                .withLanguage(random.nextBoolean() ? Locale.GERMAN : Locale.ENGLISH)
                .withEnvironment(new Environment(
                        Map.of(
                                "product",
                                PRODUCTS.get(random.nextInt(PRODUCTS.size())),
                                "version",
                                "v" + random.nextInt(3)),
                        ""))
                .withTags(Set.of("cat" + random.nextInt(4)));
        ArticleState initial = ArticleState.values()[random.nextInt(3)];
        Audience audience = Audience.values()[random.nextInt(3)];
        Article article = kb.capture(ADMIN, Draft.of(content).withState(initial).withAudience(audience));
        if (random.nextInt(6) == 0) {
            article =
                    kb.update(ADMIN, article.id(), Update.of(article.revision()).state(ArticleState.ARCHIVED));
        }
        return article;
    }

    private static String words(Random random, int n) {
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    private static void check(KnowledgeBase kb, Random random, Map<ArticleId, String> markers, long seed) {
        assertThat(kb.awaitSearchable(Duration.ofSeconds(10))).isTrue();
        VisibilityPolicy policy = VisibilityPolicy.kcsDefault();
        Map<ArticleId, Article> articles = new HashMap<>();
        markers.keySet().forEach(id -> articles.put(id, kb.article(id).orElseThrow()));
        Viewer everything = Viewer.agent(ADMIN);

        var queries = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            queries.add(words(random, 1 + random.nextInt(3)));
        }
        markers.values().stream().limit(10).forEach(queries::add);

        for (String query : queries) {
            for (boolean archived : new boolean[] {false, true}) {
                SearchResult all = kb.search(request(query, everything, true));
                assertThat(all.totalExact()).isTrue();
                Set<ArticleId> allMatches =
                        all.hits().stream().map(SearchHit::id).collect(Collectors.toSet());
                for (Viewer viewer : VIEWERS) {
                    Visibility visibility = policy.visibleTo(viewer, archived);
                    Set<ArticleId> expected = allMatches.stream()
                            .filter(id -> visibility.permits(articles.get(id)))
                            .collect(Collectors.toSet());
                    SearchResult result = kb.search(request(query, viewer, archived));
                    String context =
                            "seed " + seed + ", query '" + query + "', viewer " + viewer + ", archived " + archived;
                    var hitIds = result.hits().stream().map(SearchHit::id).toList();
                    // Every match the viewer may see, and more only where a word rare among what this viewer may see
                    // was corrected (typos are decided by the viewer's own articles), but never an invisible one.
                    assertThat(hitIds).as(context).containsAll(expected);
                    assertThat(hitIds)
                            .as(context)
                            .allMatch(id -> visibility.permits(articles.get(id)), "visible to the viewer");
                    if (result.didYouMean().isEmpty()) {
                        assertThat(hitIds).as(context).containsExactlyInAnyOrderElementsOf(expected);
                    }
                    assertThat(result.totalHits()).as(context).isEqualTo(hitIds.size());
                    for (SearchHit hit : result.hits()) {
                        for (var marker : markers.entrySet()) {
                            if (!marker.getKey().equals(hit.id())) {
                                assertThat(hit.snippet()).as(context).doesNotContain(marker.getValue());
                            }
                        }
                    }
                    assertThat(result.facets()).as(context).isEqualTo(facets(Set.copyOf(hitIds), articles, result));
                }
            }
        }
    }

    /**
     * In German: the query language is otherwise voted by the words of the articles each viewer may see (so that
     * it reveals nothing about the others), and the viewer's hits would not be a subset of the agent's, who may see
     * more articles and get another vote. The test words are of both languages in articles of either.
     */
    private static SearchRequest request(String query, Viewer viewer, boolean archived) {
        return SearchRequest.builder(query, viewer)
                .language(Locale.GERMAN)
                .limit(SearchRequest.MAX_LIMIT)
                .includeArchived(archived)
                .facets(true)
                .build();
    }

    /** The facet counts the expected articles must give, computed from the articles themselves. */
    private static Map<String, List<FacetCount>> facets(
            Set<ArticleId> expected, Map<ArticleId, Article> articles, SearchResult result) {
        var dimensions = new HashMap<String, Map<String, Long>>();
        for (ArticleId id : expected) {
            Article a = articles.get(id);
            count(dimensions, "product", a.environment().product().orElseThrow());
            count(dimensions, "version", a.environment().version().orElseThrow());
            a.content().tags().forEach(t -> count(dimensions, "category", t));
            count(dimensions, "state", a.state().name());
            count(dimensions, "language", a.language().toLanguageTag());
        }
        var facets = new HashMap<String, List<FacetCount>>();
        dimensions.forEach((dimension, counts) -> facets.put(
                dimension,
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> new FacetCount(e.getKey(), e.getValue()))
                        .toList()));
        return facets;
    }

    private static void count(Map<String, Map<String, Long>> dimensions, String dimension, String value) {
        dimensions.computeIfAbsent(dimension, d -> new HashMap<>()).merge(value, 1L, Long::sum);
    }
}
