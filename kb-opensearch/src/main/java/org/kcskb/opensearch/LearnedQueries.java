package org.kcskb.opensearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;

/**
 * The answered queries the knowledge base teaches the engine, in memory: the knowledge base gives them again
 * whenever an engine opens, so they need no index of their own, and each application node counts what its own
 * knowledge base gives it (nothing twice). A query is kept per answering article and audience, so that whether
 * and how high it is suggested depends only on answers the viewer's audience gave with articles the viewer may
 * see. Thread-safe.
 */
final class LearnedQueries {
    /** At most this many distinct queries are kept; beyond it, new ones are ignored until some are forgotten. */
    static final int MAX_QUERIES = 100_000;

    private record Key(ArticleId article, Audience audience) {}

    /** One query as it was answered: its text (the spelling of the first answer) and its answers per article. */
    private static final class Entry {
        final String text;
        final List<String> words;
        final Map<Key, Long> answers = new ConcurrentHashMap<>();

        Entry(String text) {
            this.text = text;
            this.words = List.of(SuggestionText.normalize(text).split(" "));
        }
    }

    /** A query that may be suggested, if its article is visible to the viewer. */
    record Candidate(String text, ArticleId article, double weight) {}

    private final Map<String, Entry> queries = new ConcurrentHashMap<>();

    void learn(List<AnsweredQuery> answered) {
        for (AnsweredQuery answer : answered) {
            String key = SearchEvent.normalize(answer.query());
            if (key.isBlank() || queries.size() >= MAX_QUERIES && !queries.containsKey(key)) {
                continue;
            }
            queries.computeIfAbsent(key, k -> new Entry(answer.query().strip()))
                    .answers
                    .merge(new Key(answer.article(), answer.audience()), answer.answers(), Long::sum);
        }
    }

    void forget(String normalizedQuery) {
        queries.remove(normalizedQuery);
    }

    /**
     * The queries whose words start with the typed words, answered for {@code audience}, one candidate per
     * answering article (weight: its answers, on the title suggestions' scale), at most {@code limit}, best first.
     */
    List<Candidate> candidates(List<String> typed, Audience audience, int limit) {
        var candidates = new ArrayList<Candidate>();
        for (Entry entry : queries.values()) {
            if (!SuggestionText.matches(entry.words, typed)) {
                continue;
            }
            entry.answers.forEach((key, count) -> {
                if (key.audience() == audience) {
                    candidates.add(new Candidate(entry.text, key.article(), 1 + Math.log1p(count)));
                }
            });
        }
        candidates.sort(Comparator.comparingDouble(Candidate::weight)
                .reversed()
                .thenComparing(Candidate::text)
                .thenComparing(c -> c.article().value()));
        return candidates.size() <= limit ? candidates : List.copyOf(candidates.subList(0, limit));
    }
}
