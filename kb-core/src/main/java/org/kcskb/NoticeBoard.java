package org.kcskb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import org.kcskb.article.Audience;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeId;
import org.kcskb.notice.NoticeStats;
import org.kcskb.store.spi.ArticleStore;

/**
 * The knowledge base's known-issue notices in memory, so that a search matches them without a store read: loaded on
 * first use, read again after every local publication or ending, and every {@link #REFRESH} in the recorder's
 * background rounds to learn what other nodes over the same store published (they show here within that time).
 * Expiry needs no refresh: whether a notice is active is decided on the knowledge base's clock at each search.
 *
 * <p>Also counts impressions and answers in memory; the recorder's rounds write them every {@link #REFRESH} and on
 * close. A crash loses at most the counts of the last interval. Thread-safe.
 */
final class NoticeBoard {
    /** How often the notices are read again and the counts written. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    /** The most notices a search returns, newest first: a banner, not a list. */
    static final int MAX_SHOWN = 5;
    /** The most notices with pending counts; counts of further notices are dropped until the next write. */
    static final int MAX_PENDING = 10_000;

    private static final System.Logger LOG = System.getLogger(NoticeBoard.class.getName());

    private final ArticleStore store;
    private volatile List<Notice> notices;
    private long nextRefresh = System.nanoTime() + REFRESH.toNanos();
    private final ConcurrentHashMap<NoticeId, LongAdder[]> pending = new ConcurrentHashMap<>();
    /**
     * The analysed words of symptoms, per analysis (the viewer's visibility: an engine's analysis may depend on it),
     * language and symptom, so that a search analyses only its own text. Emptied on every reload (every {@link
     * #REFRESH}), so that it follows what the engine learned meanwhile, and when it grows beyond {@link
     * #MAX_CACHED}.
     */
    private final ConcurrentHashMap<SymptomKey, List<String>> symptomWords = new ConcurrentHashMap<>();

    /** The most analysed symptoms kept. */
    static final int MAX_CACHED = 10_000;

    private record SymptomKey(Object analysis, Locale language, String symptom) {}

    NoticeBoard(ArticleStore store) {
        this.store = store;
    }

    /** Every stored notice, newest start first. */
    List<Notice> all() {
        List<Notice> current = notices;
        return current != null ? current : reload();
    }

    /** Reads the notices from the store now. */
    List<Notice> reload() {
        List<Notice> read = new ArrayList<>(store.notices());
        // Reversed first, so that of notices with the same start and publication time the later stored comes first.
        java.util.Collections.reverse(read);
        read.sort(Comparator.comparing(Notice::start)
                .thenComparing(Notice::published)
                .reversed());
        List<Notice> sorted = List.copyOf(read);
        notices = sorted;
        symptomWords.clear();
        return sorted;
    }

    /** The notices viewers of {@code audience} may see, active at {@code now} when {@code activeOnly}. */
    List<Notice> visible(Audience audience, Instant now, boolean activeOnly) {
        return all().stream()
                .filter(n -> n.visibleTo(audience) && (!activeOnly || n.activeAt(now)))
                .toList();
    }

    /**
     * The active notices {@code audience} may see that match: one of its products or environments equals (case and
     * surrounding spaces ignored) one of {@code environment}'s values, or the words of {@code text} contain every word
     * of one of its symptoms, both analysed by {@code words} in each of the notice's languages. At most {@link
     * #MAX_SHOWN}, newest first.
     *
     * @param analysis what the analysis depends on besides text and language (the viewer's visibility), as a key
     * @param words the search engine's analysis: text and language to the distinct words as search matches them
     */
    List<Notice> matching(
            Audience audience,
            Instant now,
            String text,
            Collection<String> environment,
            Object analysis,
            BiFunction<String, Locale, List<String>> words) {
        Set<String> named = new HashSet<>();
        for (String value : environment) {
            named.add(fold(value));
        }
        Map<Locale, Set<String>> queryWords = new HashMap<>();
        var matched = new ArrayList<Notice>();
        for (Notice notice : visible(audience, now, true)) {
            if (matched.size() == MAX_SHOWN) {
                break;
            }
            if (namesEnvironment(notice, named)
                    || (!text.isBlank() && matchesWords(notice, text, queryWords, analysis, words))) {
                matched.add(notice);
            }
        }
        return List.copyOf(matched);
    }

    private static boolean namesEnvironment(Notice notice, Set<String> named) {
        if (named.isEmpty()) {
            return false;
        }
        return notice.products().stream().anyMatch(p -> named.contains(fold(p)))
                || notice.environments().stream().anyMatch(e -> named.contains(fold(e)));
    }

    private boolean matchesWords(
            Notice notice,
            String text,
            Map<Locale, Set<String>> queryWords,
            Object analysis,
            BiFunction<String, Locale, List<String>> words) {
        for (Locale language : notice.languages()) {
            Set<String> query = queryWords.computeIfAbsent(language, l -> Set.copyOf(words.apply(text, l)));
            if (query.isEmpty()) {
                continue;
            }
            for (String symptom : notice.symptoms()) {
                List<String> analysed = analysed(analysis, language, symptom, words);
                if (!analysed.isEmpty() && query.containsAll(analysed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> analysed(
            Object analysis, Locale language, String symptom, BiFunction<String, Locale, List<String>> words) {
        var key = new SymptomKey(analysis, language, symptom);
        List<String> cached = symptomWords.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> analysed = List.copyOf(words.apply(symptom, language));
        if (symptomWords.size() >= MAX_CACHED) {
            symptomWords.clear();
        }
        symptomWords.put(key, analysed);
        return analysed;
    }

    private static String fold(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Counts an impression or an answer of {@code id}; never blocks on the store. */
    void count(NoticeId id, boolean answered) {
        if (!pending.containsKey(id) && pending.size() >= MAX_PENDING) {
            return;
        }
        // Incremented inside compute, which excludes the write's remove of the same key: nothing counted is lost.
        pending.compute(id, (k, counts) -> {
            if (counts == null) {
                counts = new LongAdder[] {new LongAdder(), new LongAdder()};
            }
            counts[answered ? 1 : 0].increment();
            return counts;
        });
    }

    /** The stored counts plus those not written yet, per notice. */
    Map<NoticeId, NoticeStats> stats() {
        var stats = new HashMap<NoticeId, NoticeStats>();
        for (NoticeStats stored : store.noticeStats()) {
            stats.put(stored.notice(), stored);
        }
        pending.forEach((id, counts) -> stats.merge(
                id,
                new NoticeStats(id, counts[0].sum(), counts[1].sum()),
                (a, b) -> a.plus(b.impressions(), b.answered())));
        return stats;
    }

    /** For the recorder's rounds: reads the notices again and writes the counts, once every {@link #REFRESH}. */
    void round() {
        if (System.nanoTime() - nextRefresh < 0) {
            return;
        }
        nextRefresh = System.nanoTime() + REFRESH.toNanos();
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Reading the known-issue notices failed; retrying in " + REFRESH, e);
        }
        flush();
    }

    /** Writes the counts counted so far. Called by one thread at a time. */
    void flush() {
        var counts = new ArrayList<NoticeStats>();
        for (NoticeId id : pending.keySet()) {
            LongAdder[] counted = pending.remove(id);
            if (counted != null) {
                counts.add(new NoticeStats(id, counted[0].sum(), counted[1].sum()));
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        try {
            store.addNoticeCounts(counts);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Writing the counts of " + counts.size() + " known-issue notices failed; they are lost",
                    e);
        }
    }
}
