package org.kcskb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.IntPredicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * Collects the best hits by score, then article id: the order of {@code TopFieldCollector} with the sort (score,
 * {@link ArticleFields#ID}), with its results (each hit a {@link FieldDoc} whose fields are the score and the
 * article id), its paging after a hit, and its hit counting (exact up to the threshold, then a lower bound while
 * the scorer skips what cannot compete).
 *
 * <p>It exists because the general collector costs a tenth of a search here: a comparator chain per hit and, for
 * every hit it keeps, the id's ordinal read and copied. This one compares the score first and touches the id only
 * to break a tie with the weakest kept hit, reads ordinals only for kept hits, and looks ids up only for the ranks
 * the caller asks for (a deep page needs the ids of its window and its cursor, not of the thousand hits above it;
 * each look-up decompresses a block of the id terms). A tie across segments compares the ids' bytes, as the
 * general collector does.
 *
 * <p>In a segment sorted by {@link #INDEX_SORT} (as the library writes its index) a later document has a greater id,
 * so it can never beat a kept hit of the same segment with the same score. Such a tie is rejected without reading
 * its id, and once the weakest kept hit is from the segment being collected, the scorer is told that only a higher
 * score competes: it skips the tied documents as Lucene's own top-score collector skips them (by doc id). In a
 * corpus of many similar articles most hits tie, and deciding each tie by id took a tenth of a search.
 */
final class TopHits implements CollectorManager<TopHits.HitCollector, TopFieldDocs> {
    private static final SortField[] FIELDS = {
        SortField.FIELD_SCORE, new SortField(ArticleFields.ID, SortField.Type.STRING)
    };

    /**
     * The order of documents within a segment that lets ties be decided by doc id: by article id, as the ids' bytes
     * compare (the order of the ids' ordinals).
     */
    static final Sort INDEX_SORT = new Sort(new SortField(ArticleFields.ID, SortField.Type.STRING));

    private final int depth;
    private final FieldDoc after;
    private final int threshold;
    private final IntPredicate idAt;

    /**
     * @param depth how many hits to keep, at least 1
     * @param after the hit to page after (score and article id as the fields), or null
     * @param threshold hits are counted exactly up to this many, per slice of a concurrent search (as Lucene 10's
     *     own collectors count)
     * @param idAt the ranks (from 0) whose article id the results carry; the others carry null as the id
     */
    TopHits(int depth, FieldDoc after, int threshold, IntPredicate idAt) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        this.depth = depth;
        this.after = after;
        this.threshold = threshold;
        this.idAt = idAt;
    }

    @Override
    public HitCollector newCollector() {
        return new HitCollector();
    }

    @Override
    public TopFieldDocs reduce(Collection<HitCollector> collectors) throws IOException {
        var all = new ArrayList<Hit>();
        long total = 0;
        boolean lowerBound = false;
        for (HitCollector collector : collectors) {
            for (int i = 0; i < collector.size; i++) {
                all.add(collector.heap[i]);
            }
            total += collector.totalHits;
            lowerBound |= collector.lowerBound;
        }
        // Ties across segments look ids up as they are compared, in the segments' own buffers.
        all.sort(TopHits::order);
        var kept = all.subList(0, Math.min(depth, all.size()));
        // In ordinal order within each segment: a doc-values term lookup reads forward within its compressed
        // block, where lookups in rank order would decompress a block for nearly every hit.
        var resolved = new ArrayList<Hit>();
        for (int rank = 0; rank < kept.size(); rank++) {
            if (idAt.test(rank)) {
                resolved.add(kept.get(rank));
            }
        }
        resolved.sort((a, b) ->
                a.docBase != b.docBase ? Integer.compare(a.docBase, b.docBase) : Integer.compare(a.ord, b.ord));
        for (Hit hit : resolved) {
            hit.resolveId();
        }
        var docs = new FieldDoc[kept.size()];
        for (int i = 0; i < docs.length; i++) {
            Hit hit = kept.get(i);
            docs[i] = new FieldDoc(hit.doc, hit.score, new Object[] {hit.score, hit.id});
        }
        var relation = lowerBound ? TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO : TotalHits.Relation.EQUAL_TO;
        return new TopFieldDocs(new TotalHits(total, relation), docs, FIELDS);
    }

    /**
     * Orders hits best first: by score, then by id. Within a segment the ids' ordinals are in id order; across
     * segments the ids' bytes are compared (each segment's lookup has its own buffer).
     */
    private static int order(Hit a, Hit b) {
        if (a.score != b.score) {
            return a.score > b.score ? -1 : 1;
        }
        return a.docBase == b.docBase ? Integer.compare(a.ord, b.ord) : compareIds(a.idBytes(), b.idBytes());
    }

    /** Ids in byte order, a missing id first (as the string sort puts it). */
    private static int compareIds(BytesRef a, BytesRef b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /** A kept hit: its score, doc id, and its segment's ids with its id's ordinal there (-1 if it has none). */
    private static final class Hit {
        float score;
        int doc;
        int docBase;
        SortedDocValues ids;
        int ord;
        BytesRef id;

        /** The id's bytes: resolved, or looked up now in the segment's buffer, valid until its next lookup. */
        BytesRef idBytes() {
            if (id != null || ord < 0) {
                return id;
            }
            try {
                return ids.lookupOrd(ord);
            } catch (IOException e) {
                // A comparator cannot throw it; the search engine reports either as a storage failure.
                throw new UncheckedIOException(e);
            }
        }

        void resolveId() throws IOException {
            id = ord < 0 ? null : BytesRef.deepCopyOf(ids.lookupOrd(ord));
        }
    }

    /** The collector of one slice: a heap of kept hits, the weakest at the top. */
    final class HitCollector implements Collector {
        private final Hit[] heap = new Hit[depth];
        private int size;
        private long totalHits;
        private boolean lowerBound;
        private float minCompetitive = Float.NEGATIVE_INFINITY;

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedDocValues ids = DocValues.getSorted(context.reader(), ArticleFields.ID);
            boolean idOrder = INDEX_SORT.equals(context.reader().getMetaData().sort());
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable scorer) throws IOException {
                    this.scorer = scorer;
                    minCompetitive = Float.NEGATIVE_INFINITY;
                    updateMinCompetitiveScore();
                }

                @Override
                public void collect(int doc) throws IOException {
                    totalHits++;
                    float score = scorer.score();
                    if (after != null && !isAfter(score, doc)) {
                        return;
                    }
                    if (size < depth) {
                        Hit hit = new Hit();
                        set(hit, score, doc);
                        heap[size++] = hit;
                        upHeap(size - 1);
                        updateMinCompetitiveScore();
                        return;
                    }
                    Hit weakest = heap[0];
                    if (score < weakest.score) {
                        if (!lowerBound) {
                            // The count may just have passed the threshold.
                            updateMinCompetitiveScore();
                        }
                        return;
                    }
                    if (score == weakest.score) {
                        if (idOrder && weakest.docBase == context.docBase) {
                            // A later document of a segment in id order: a greater id.
                            return;
                        }
                        int ord = ord(doc);
                        if (compareId(ord, weakest) >= 0) {
                            return;
                        }
                    }
                    set(weakest, score, doc);
                    downHeap();
                    updateMinCompetitiveScore();
                }

                private boolean isAfter(float score, int doc) throws IOException {
                    float afterScore = (Float) after.fields[0];
                    if (score != afterScore) {
                        return score < afterScore;
                    }
                    int ord = ord(doc);
                    return compareIds(ord < 0 ? null : ids.lookupOrd(ord), (BytesRef) after.fields[1]) > 0;
                }

                private void set(Hit hit, float score, int doc) throws IOException {
                    hit.score = score;
                    hit.doc = context.docBase + doc;
                    hit.docBase = context.docBase;
                    hit.ids = ids;
                    hit.ord = ord(doc);
                }

                private int ord(int doc) throws IOException {
                    return ids.advanceExact(doc) ? ids.ordValue() : -1;
                }

                /** Compares a document of this segment (by its id's ordinal) with a kept hit, by id. */
                private int compareId(int ord, Hit kept) throws IOException {
                    if (kept.docBase == context.docBase) {
                        return Integer.compare(ord, kept.ord);
                    }
                    return compareIds(ord < 0 ? null : ids.lookupOrd(ord), kept.idBytes());
                }

                /**
                 * Once more hits were counted than the threshold and the heap is full, nothing below the weakest
                 * kept hit can enter: the scorer may skip it, and the count becomes a lower bound. Nor can a tie with
                 * it, when it is from this segment and the segment is in id order: the later documents have greater
                 * ids (than it, and so than every kept hit with its score).
                 */
                private void updateMinCompetitiveScore() throws IOException {
                    if (size < depth || totalHits <= threshold) {
                        return;
                    }
                    Hit weakestHit = heap[0];
                    float weakest = idOrder && weakestHit.docBase == context.docBase
                            ? Math.nextUp(weakestHit.score)
                            : weakestHit.score;
                    if (weakest > minCompetitive) {
                        minCompetitive = weakest;
                        scorer.setMinCompetitiveScore(weakest);
                        lowerBound = true;
                    }
                }
            };
        }

        /** Whether {@code a} ranks below {@code b}: a lower score, or the same score and a greater id. */
        private static boolean weaker(Hit a, Hit b) {
            return order(a, b) > 0;
        }

        private void upHeap(int i) {
            Hit hit = heap[i];
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!weaker(hit, heap[parent])) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = hit;
        }

        private void downHeap() {
            int i = 0;
            Hit hit = heap[0];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && weaker(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!weaker(heap[child], hit)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = hit;
        }
    }
}
