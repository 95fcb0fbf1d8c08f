package org.kcskb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.article.ArticleId;

/**
 * Turns stored analytics events into {@link AnsweredQuery answered queries} as they are written: a click or case
 * link on an article answers the search it came from. Remembers the most recent {@value #REMEMBERED_SEARCHES}
 * searches to join clicks with; a click on an older search is learned when the knowledge base next opens (from the
 * store's report). Used on the recorder's writer thread only, so not thread-safe.
 */
final class AnswerLearner implements Consumer<List<SearchEvent>> {
    static final int REMEMBERED_SEARCHES = 20_000;

    /** A search, and the articles already credited with answering it (a second click on one counts once). */
    private record Asked(String query, Locale language, Set<ArticleId> credited) {}

    private final Map<SearchId, Asked> searches = new LinkedHashMap<>(1_024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SearchId, Asked> eldest) {
            return size() > REMEMBERED_SEARCHES;
        }
    };

    private final Consumer<List<AnsweredQuery>> learn;

    AnswerLearner(Consumer<List<AnsweredQuery>> learn) {
        this.learn = learn;
    }

    @Override
    public void accept(List<SearchEvent> events) {
        var answered = new ArrayList<AnsweredQuery>();
        for (SearchEvent event : events) {
            switch (event.kind()) {
                case SEARCH -> {
                    if (event.hitCount() > 0 && !event.normalizedQuery().isEmpty()) {
                        searches.put(
                                event.searchId(),
                                new Asked(event.normalizedQuery(), event.language(), new HashSet<>(2)));
                    }
                }
                case CLICK, LINK -> {
                    Asked asked = searches.get(event.searchId());
                    ArticleId article = event.article().orElseThrow();
                    if (asked != null && asked.credited().add(article)) {
                        answered.add(new AnsweredQuery(asked.query(), asked.language(), article, 1, event.at()));
                    }
                }
                case SUGGESTION_PICK -> {
                    // A pick answers a prefix, not a query: nothing to learn for query suggestions.
                }
            }
        }
        if (!answered.isEmpty()) {
            learn.accept(answered);
        }
    }
}
