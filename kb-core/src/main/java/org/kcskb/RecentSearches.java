package org.kcskb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.ArticleId;
import org.kcskb.search.SearchHit;

/**
 * The searches this knowledge base issued recently, with who asked and which articles each returned, so that a
 * click or a case link can be checked against the very search it names: an id this knowledge base did not issue
 * (unknown, forged, or forgotten) or an article that search did not return to that viewer is refused.
 *
 * <p>Memory is bounded twice: at most {@code capacity} searches (the oldest is forgotten first), each for at most
 * {@code maxAge}. A search costs about 200 bytes plus 8 per hit (the hits are kept as 64-bit hashes of their ids,
 * not as ids), so the default {@value #DEFAULT_CAPACITY} searches of ten hits take about 15 MB. A click on a
 * forgotten search is refused like one on an unknown id; so is any click after a restart. Thread-safe, without a
 * lock on the search path.
 */
final class RecentSearches {
    /** The searches remembered; at ten searches a second, more than an hour of them. */
    static final int DEFAULT_CAPACITY = 50_000;

    /** How long a search can be clicked. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

    /** What one search returned to whom. */
    record Issued(SearchId id, Viewer viewer, long[] hits, Instant at) {
        boolean returned(ArticleId article) {
            long hash = hash(article);
            for (long hit : hits) {
                if (hit == hash) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<SearchId, Issued> searches = new ConcurrentHashMap<>();
    /** Insertion order, for forgetting the oldest; may briefly hold more ids than the map. */
    private final ConcurrentLinkedQueue<SearchId> order = new ConcurrentLinkedQueue<>();

    private final AtomicInteger size = new AtomicInteger();

    RecentSearches(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Remembers that search {@code id} returned {@code hits} to {@code viewer}. */
    void issued(SearchId id, Viewer viewer, List<SearchHit> hits) {
        long[] hashes = new long[hits.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = hash(hits.get(i).id());
        }
        searches.put(id, new Issued(id, viewer, hashes, clock.instant()));
        order.add(id);
        if (size.incrementAndGet() > capacity) {
            SearchId oldest = order.poll();
            if (oldest != null) {
                searches.remove(oldest);
                size.decrementAndGet();
            }
        }
    }

    /**
     * Returns the search {@code origin} names, when {@code viewer} ran it and it returned {@code article}.
     *
     * @throws InvalidInputException naming {@code searchId} when the id is unknown, forgotten or someone else's,
     *     or naming {@code id} when that search did not return the article
     */
    Issued check(Viewer viewer, ArticleId article, SearchOrigin origin) {
        Issued issued = searches.get(origin.searchId());
        if (issued == null || issued.at().plus(maxAge).isBefore(clock.instant())) {
            throw new InvalidInputException(
                    "searchId",
                    origin.searchId(),
                    "is not a search this knowledge base issued in the last " + maxAge.toMinutes() + " minutes (of"
                            + " its latest " + capacity + "): pass the searchId of the result the article was"
                            + " chosen from, unchanged; after a restart or a long pause, search again");
        }
        if (!issued.viewer().equals(viewer)) {
            throw new InvalidInputException(
                    "searchId",
                    origin.searchId(),
                    "belongs to a search by another viewer: pass the searchId of this viewer's own search");
        }
        if (!issued.returned(article)) {
            throw new InvalidInputException(
                    "id",
                    article,
                    "was not among the hits search " + origin.searchId() + " returned: pass the id of a hit of"
                            + " that result, with that result's searchId");
        }
        return issued;
    }

    /** A 64-bit hash of an article id: a click names an existing article, so collisions need not be resisted. */
    private static long hash(ArticleId id) {
        String value = id.value();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }
}
