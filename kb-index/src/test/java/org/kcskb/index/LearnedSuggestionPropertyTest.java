package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;

/**
 * Over random knowledge bases and random traffic (public visitors with and without a visitor key, partners,
 * agents; valid clicks, clicks outside a search's hits, forged and borrowed search ids), a learned query
 * suggestion reaches a viewer only when at least N distinct visitors of that viewer's audience searched it and
 * chose, from the hits of that very search, an article the viewer may see; and every query that passed is
 * suggested. Checked while running and again after a restart (the start-up load from the H2 store). Each run
 * prints its seed; rerun one with {@code -Dkb.test.seed=N}. Size: {@code -Dkb.campaign=long} for the long
 * profile.
 */
class LearnedSuggestionPropertyTest {
    private static final boolean LONG = "long".equals(System.getProperty("kb.campaign", "ci"));
    private static final int RUNS = LONG ? 25 : 2;
    private static final int ACTIONS = LONG ? 1_500 : 150;
    private static final Actor PUBLISHER = Actor.publisher("pub-1");
    private static final List<String> WORDS =
            List.of("drucker", "treiber", "netzwerk", "passwort", "printer", "fehler", "anmeldung", "kalender");
    private static final VisibilityPolicy POLICY = VisibilityPolicy.kcsDefault();

    @TempDir
    Path temp;

    /** Who a simulated person is, and the key the host passes for them (empty: none). */
    private record Person(Viewer viewer, Optional<String> key) {
        /** The identity the rules count, or empty when this person never counts (the public without a key). */
        Optional<String> identity() {
            if (key.isPresent()) {
                return Optional.of(viewer.audience() + ":" + key.get());
            }
            return viewer instanceof Viewer.Public
                    ? Optional.empty()
                    : Optional.of(viewer.audience() + ":" + viewer.id());
        }
    }

    private record Learned(String query, Audience audience, ArticleId article) {}

    @Test
    void learnedSuggestions_onlyForTheTypingAudience_afterNDistinctVisitors_andForHitsOfThatSearch() {
        long base = Long.getLong("kb.test.seed", System.nanoTime());
        for (int run = 0; run < RUNS; run++) {
            long seed = base + run;
            System.out.println("LearnedSuggestionPropertyTest seed: " + seed);
            run(seed, temp.resolve("kb-" + run));
        }
    }

    private void run(long seed, Path directory) {
        var random = new Random(seed);
        int threshold = 1 + random.nextInt(3);
        Map<ArticleId, Article> articles = new HashMap<>();
        List<String> queries = new ArrayList<>();
        Map<Learned, Set<String>> visitors = new HashMap<>();
        try (KnowledgeBase kb = open(directory, threshold)) {
            for (int i = 0; i < 12 + random.nextInt(8); i++) {
                String marker = "zq" + Integer.toString(random.nextInt(36 * 36), 36) + "x" + i;
                var content = ArticleContent.of(
                                word(random) + " " + word(random) + " " + marker + " " + word(random),
                                word(random) + " " + word(random))
                        .withResolution(word(random))
                        .withLanguage(Locale.GERMAN);
                ArticleState state = random.nextInt(4) == 0 ? ArticleState.NOT_VALIDATED : ArticleState.VALIDATED;
                Article article = kb.capture(
                        PUBLISHER,
                        Draft.of(content)
                                .withState(state)
                                .withAudience(Audience.values()[random.nextInt(Audience.values().length)]));
                articles.put(article.id(), article);
                queries.add(word(random) + " " + marker);
            }
            queries.add(word(random) + " " + word(random));
            assertThat(kb.awaitSearchable(Duration.ofSeconds(20))).isTrue();

            List<Person> people = people(random);
            for (int action = 0; action < ACTIONS; action++) {
                Person person = people.get(random.nextInt(people.size()));
                String query = queries.get(random.nextInt(queries.size()));
                var request = SearchRequest.builder(query, person.viewer());
                person.key().ifPresent(request::visitor);
                SearchResult result = kb.search(request.build());
                List<ArticleId> hits = result.hits().stream().map(SearchHit::id).toList();
                SearchId id = result.searchId().orElseThrow();
                String context = "seed " + seed + ", action " + action + ", " + person + " searched '" + query + "'";
                int move = random.nextInt(10);
                if (move < 6 && !hits.isEmpty()) {
                    int index = random.nextInt(hits.size());
                    kb.recordClick(person.viewer(), hits.get(index), SearchOrigin.of(id, index + 1));
                    Optional<String> identity = person.identity();
                    var learned = new Learned(
                            SearchEvent.normalize(query), person.viewer().audience(), hits.get(index));
                    Set<String> seen = visitors.computeIfAbsent(learned, k -> new HashSet<>());
                    identity.ifPresent(seen::add);
                } else if (move < 8) {
                    List<ArticleId> outside = articles.keySet().stream()
                            .filter(a -> !hits.contains(a))
                            .toList();
                    ArticleId wrong = outside.get(random.nextInt(outside.size()));
                    assertThatThrownBy(() -> kb.recordClick(person.viewer(), wrong, SearchOrigin.of(id, 1)))
                            .as(context)
                            .isInstanceOf(InvalidInputException.class);
                } else if (move == 8) {
                    ArticleId any =
                            hits.isEmpty() ? articles.keySet().iterator().next() : hits.getFirst();
                    assertThatThrownBy(
                                    () -> kb.recordClick(person.viewer(), any, SearchOrigin.of(SearchId.random(), 1)))
                            .as(context)
                            .isInstanceOf(InvalidInputException.class);
                } else if (!hits.isEmpty()) {
                    Person other = people.get(random.nextInt(people.size()));
                    if (!other.viewer().equals(person.viewer())) {
                        assertThatThrownBy(
                                        () -> kb.recordClick(other.viewer(), hits.getFirst(), SearchOrigin.of(id, 1)))
                                .as(context + ", clicked by " + other)
                                .isInstanceOf(InvalidInputException.class);
                    }
                }
            }
            // A report writes what is queued; the learner has seen it all when the report returns.
            kb.analytics().answeredQueries(ReportQuery.all());
            check(kb, seed, "running", threshold, articles, queries, visitors);
        }
        try (KnowledgeBase kb = open(directory, threshold)) {
            assertThat(kb.awaitSearchable(Duration.ofSeconds(20))).isTrue();
            check(kb, seed, "after a restart", threshold, articles, queries, visitors);
        }
    }

    private static KnowledgeBase open(Path directory, int threshold) {
        return KnowledgeBase.builder()
                .directory(directory)
                .refreshInterval(Duration.ofMillis(50))
                .suggestionVisitors(threshold)
                .build();
    }

    private static List<Person> people(Random random) {
        var people = new ArrayList<Person>();
        for (int i = 0; i < 4; i++) {
            people.add(new Person(Viewer.anonymous(), Optional.of("session-" + i)));
        }
        people.add(new Person(Viewer.anonymous(), Optional.empty()));
        for (int i = 0; i < 3; i++) {
            people.add(new Person(Viewer.partner("partner-" + i), Optional.empty()));
            people.add(new Person(Viewer.agent(Actor.contributor("agent-" + i)), Optional.empty()));
        }
        // A partner whose host passes a key of its own: the key counts, not the id.
        people.add(new Person(Viewer.partner("partner-0"), Optional.of("partner-session-" + random.nextInt(2))));
        return people;
    }

    private static void check(
            KnowledgeBase kb,
            long seed,
            String phase,
            int threshold,
            Map<ArticleId, Article> articles,
            List<String> queries,
            Map<Learned, Set<String>> visitors) {
        List<Viewer> viewers =
                List.of(Viewer.anonymous(), Viewer.partner("partner-9"), Viewer.agent(Actor.contributor("agent-9")));
        for (Viewer viewer : viewers) {
            var visibility = POLICY.visibleTo(viewer, false);
            // Which queries this viewer may be suggested: enough visitors of its audience, on an article it sees.
            Set<String> allowed = new HashSet<>();
            visitors.forEach((learned, who) -> {
                if (learned.audience() == viewer.audience()
                        && who.size() >= threshold
                        && visibility.permits(articles.get(learned.article()))) {
                    allowed.add(learned.query());
                }
            });
            var prefixes = new LinkedHashSet<String>();
            for (String query : queries) {
                prefixes.add(query);
                prefixes.add(query.substring(0, query.indexOf(' ') + 3));
            }
            WORDS.forEach(w -> prefixes.add(w.substring(0, 3)));
            for (String prefix : prefixes) {
                String context = "seed " + seed + ", " + phase + ", N=" + threshold + ", viewer " + viewer.id()
                        + " typed '" + prefix + "'";
                for (Suggestion suggestion : kb.suggest(prefix, viewer, 20)) {
                    if (suggestion.kind() == Suggestion.Kind.QUERY) {
                        assertThat(allowed)
                                .as(context + ": " + suggestion + " was not learned for this viewer")
                                .contains(SearchEvent.normalize(suggestion.text()));
                    }
                }
            }
            // And what passed is suggested: the rules do not just suggest nothing.
            for (String query : allowed) {
                assertThat(kb.suggest(query, viewer, 20))
                        .as("seed " + seed + ", " + phase + ", N=" + threshold + ", viewer " + viewer.id()
                                + ": learned '" + query + "' is missing")
                        .extracting(s -> SearchEvent.normalize(s.text()))
                        .contains(query);
            }
        }
    }

    private static String word(Random random) {
        return WORDS.get(random.nextInt(WORDS.size()));
    }
}
