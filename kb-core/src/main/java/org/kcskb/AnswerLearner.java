package org.kcskb;

import java.time.Instant;
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
import org.kcskb.article.Audience;

/**
 * Turns stored analytics events into {@link AnsweredQuery answered queries} as they are written, under the
 * {@link LearningRules}: a click or case link on an article answers the search it came from (the knowledge base
 * accepted it only when that search returned the article to that viewer); a (query, audience, article) is passed
 * on to be suggested only once {@linkplain LearningRules#minVisitors() enough distinct visitors} of that audience
 * chose the article from a search for the query, and only if the query is learnable (not personal, not blocked).
 * From then on each further answer is passed on as it comes.
 *
 * <p>Memory is bounded: the most recent {@value #REMEMBERED_SEARCHES} searches to join clicks with, and the
 * {@value #MAX_PENDING} most recently answered (query, audience, article) triples still below the threshold,
 * each with at most the threshold's number of visitor hashes. A triple forgotten, or one whose visitors were
 * counted before a restart, starts counting again: learning may come later than the threshold, never earlier.
 * Used on the recorder's writer thread only, so not thread-safe.
 */
final class AnswerLearner implements Consumer<List<SearchEvent>> {
    static final int REMEMBERED_SEARCHES = 20_000;
    static final int MAX_PENDING = 50_000;

    /** A search, and the articles already credited with answering it (a second click on one counts once). */
    private record Asked(String query, Locale language, Audience audience, String visitor, Set<ArticleId> credited) {}

    private record Key(String query, Audience audience, ArticleId article) {}

    /** A triple's answers so far; {@code visitors} is null once it is learned. */
    private static final class Tally {
        Set<String> visitors = new HashSet<>(4);
        long answers;
        Instant last = Instant.MIN;
    }

    private final Map<SearchId, Asked> searches = new LinkedHashMap<>(1_024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SearchId, Asked> eldest) {
            return size() > REMEMBERED_SEARCHES;
        }
    };

    private final Map<Key, Tally> tallies = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Tally> eldest) {
            return size() > MAX_PENDING;
        }
    };

    private final LearningRules rules;
    private final Consumer<List<AnsweredQuery>> learn;

    AnswerLearner(LearningRules rules, Consumer<List<AnsweredQuery>> learn) {
        this.rules = rules;
        this.learn = learn;
    }

    /** Marks triples the engine already learned (on start-up), so that their further answers pass at once. */
    void learned(List<AnsweredQuery> answered) {
        for (AnsweredQuery answer : answered) {
            Tally tally = new Tally();
            tally.visitors = null;
            tally.answers = answer.answers();
            tally.last = answer.lastAnswered();
            tallies.put(new Key(answer.query(), answer.audience(), answer.article()), tally);
        }
    }

    /**
     * Catches up with the answered queries in the store, which other nodes over the same store also learn into
     * (filtered like those read on start-up): passes on each triple not yet learned here in full, and of a learned
     * one the answers the store counts beyond those passed on so far, so that counts do not add up twice.
     */
    void caughtUp(List<AnsweredQuery> stored) {
        var answered = new ArrayList<AnsweredQuery>();
        for (AnsweredQuery answer : stored) {
            Tally tally = tallies.computeIfAbsent(
                    new Key(answer.query(), answer.audience(), answer.article()), k -> new Tally());
            if (tally.visitors != null) {
                answered.add(answer);
            } else if (answer.answers() > tally.answers) {
                answered.add(new AnsweredQuery(
                        answer.query(),
                        answer.language(),
                        answer.audience(),
                        answer.article(),
                        answer.answers() - tally.answers,
                        0,
                        answer.lastAnswered()));
            } else {
                continue;
            }
            tally.visitors = null;
            tally.answers = Math.max(tally.answers, answer.answers());
            tally.last = answer.lastAnswered().isAfter(tally.last) ? answer.lastAnswered() : tally.last;
        }
        if (!answered.isEmpty()) {
            learn.accept(answered);
        }
    }

    @Override
    public void accept(List<SearchEvent> events) {
        var answered = new ArrayList<AnsweredQuery>();
        for (SearchEvent event : events) {
            switch (event.kind()) {
                case SEARCH -> {
                    if (event.hitCount() > 0 && rules.learnable(event.normalizedQuery())) {
                        searches.put(
                                event.searchId(),
                                new Asked(
                                        event.normalizedQuery(),
                                        event.language(),
                                        event.viewerKind().audience(),
                                        event.visitor(),
                                        new HashSet<>(2)));
                    }
                }
                case CLICK, LINK -> {
                    Asked asked = searches.get(event.searchId());
                    ArticleId article = event.article().orElseThrow();
                    if (asked != null && asked.credited().add(article) && !rules.blocked(asked.query())) {
                        credit(asked, article, event.at(), answered);
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

    private void credit(Asked asked, ArticleId article, Instant at, List<AnsweredQuery> answered) {
        Tally tally = tallies.computeIfAbsent(new Key(asked.query(), asked.audience(), article), k -> new Tally());
        tally.answers++;
        tally.last = at.isAfter(tally.last) ? at : tally.last;
        if (tally.visitors == null) {
            answered.add(new AnsweredQuery(asked.query(), asked.language(), asked.audience(), article, 1, 0, at));
            return;
        }
        if (!asked.visitor().isEmpty()) {
            tally.visitors.add(asked.visitor());
        }
        if (tally.visitors.size() >= rules.minVisitors()) {
            answered.add(new AnsweredQuery(
                    asked.query(),
                    asked.language(),
                    asked.audience(),
                    article,
                    tally.answers,
                    tally.visitors.size(),
                    tally.last));
            tally.visitors = null;
        }
    }
}
