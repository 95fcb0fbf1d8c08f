package org.kcskb.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Languages;
import org.kcskb.search.SearchHit;

/**
 * Translation groups in a search: which matching articles a result shows of an issue written in several languages,
 * and which translations a hit offers.
 *
 * <p>Collapsing is a filter, not a step of result assembly: the translations that lose to a matching translation in
 * the preferred language are excluded from the query itself, so totals, facets, pages and cursors all count an issue
 * once. Only what the viewer may see takes part (the candidates are found with the request's filter, the
 * translations a hit offers with the viewer's visibility), so an invisible translation changes nothing a viewer sees.
 * Stateless; each call reads the searcher it is given.
 */
final class Translations {
    private Translations() {}

    /** The filter of the documents that have translations: the only ones collapsing reads. */
    static Query grouped(Query filter) {
        return new BooleanQuery.Builder()
                .add(filter, Occur.FILTER)
                .add(new FieldExistsQuery(ArticleFields.TRANSLATION_GROUP), Occur.FILTER)
                .build();
    }

    /**
     * Returns the ids of the matching articles a result does not show because a translation of theirs matches too
     * and wins: within each group, the one in a {@code preferred} language first, then the higher score, then the
     * smaller id.
     *
     * @param candidates the search's first-phase query restricted to {@link #grouped} documents the request may
     *     see; scored, since the score decides between translations none of which is preferred
     */
    static Set<BytesRef> collapsed(IndexSearcher searcher, Query candidates, Predicate<Locale> preferred)
            throws IOException {
        List<Member> matches = searcher.search(candidates, new Members(true));
        var best = new HashMap<String, Member>();
        Comparator<Member> order = Comparator.comparing((Member m) -> preferred.test(Languages.parse(m.language())))
                .thenComparingDouble(Member::score)
                .thenComparing(Member::id, Comparator.reverseOrder());
        for (Member match : matches) {
            best.merge(match.group(), match, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        var hidden = new HashSet<BytesRef>();
        for (Member match : matches) {
            if (best.get(match.group()) != match) {
                hidden.add(new BytesRef(match.id()));
            }
        }
        return hidden;
    }

    /** Returns {@code query} without the documents of {@code hidden} ids; {@code query} itself when none. */
    static Query without(Query query, Set<BytesRef> hidden) {
        if (hidden.isEmpty()) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(new TermInSetQuery(ArticleFields.ID, hidden), Occur.MUST_NOT)
                .build();
    }

    /**
     * Returns {@code hits} with the {@linkplain SearchHit#translations() translations} each has among the
     * documents {@code visible} matches (the viewer's visibility): two look-ups for the whole page.
     */
    static List<SearchHit> attach(IndexSearcher searcher, List<SearchHit> hits, Query visible) throws IOException {
        if (hits.isEmpty()) {
            return hits;
        }
        var hitIds = hits.stream().map(h -> new BytesRef(h.id().value())).toList();
        var groupOf = new HashMap<String, String>();
        for (Member hit : searcher.search(grouped(new TermInSetQuery(ArticleFields.ID, hitIds)), new Members(false))) {
            groupOf.put(hit.id(), hit.group());
        }
        if (groupOf.isEmpty()) {
            return hits;
        }
        var members = new HashMap<String, Map<Locale, ArticleId>>();
        Query groups = new BooleanQuery.Builder()
                .add(
                        new TermInSetQuery(
                                ArticleFields.TRANSLATION_GROUP,
                                new HashSet<>(groupOf.values())
                                        .stream().map(BytesRef::new).toList()),
                        Occur.FILTER)
                .add(visible, Occur.FILTER)
                .build();
        for (Member member : searcher.search(groups, new Members(false))) {
            members.computeIfAbsent(member.group(), g -> new LinkedHashMap<>())
                    .putIfAbsent(Languages.parse(member.language()), ArticleId.of(member.id()));
        }
        var result = new ArrayList<SearchHit>(hits.size());
        for (SearchHit hit : hits) {
            String group = groupOf.get(hit.id().value());
            Map<Locale, ArticleId> translations =
                    new HashMap<>(group == null ? Map.of() : members.getOrDefault(group, Map.of()));
            translations.values().remove(hit.id());
            result.add(translations.isEmpty() ? hit : hit.withTranslations(translations));
        }
        return result;
    }

    /** One document with a translation group, as a search read it. */
    private record Member(String id, String group, String language, float score) {}

    /**
     * Collects the {@link Member}s among the documents of a query, one collector per slice of a concurrent search;
     * documents without a translation group are skipped.
     */
    private record Members(boolean scores) implements CollectorManager<MemberCollector, List<Member>> {
        @Override
        public MemberCollector newCollector() {
            return new MemberCollector(scores);
        }

        @Override
        public List<Member> reduce(Collection<MemberCollector> collectors) {
            var all = new ArrayList<Member>();
            for (MemberCollector collector : collectors) {
                all.addAll(collector.found);
            }
            return all;
        }
    }

    private static final class MemberCollector extends SimpleCollector {
        private final boolean scores;
        private final List<Member> found = new ArrayList<>();
        private SortedDocValues groups;
        private SortedDocValues ids;
        private SortedSetDocValues languages;
        private Scorable scorer;

        MemberCollector(boolean scores) {
            this.scores = scores;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            groups = DocValues.getSorted(context.reader(), ArticleFields.TRANSLATION_GROUP);
            ids = DocValues.getSorted(context.reader(), ArticleFields.ID);
            languages = DocValues.getSortedSet(context.reader(), ArticleFields.FACET_PREFIX + "language");
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (groups.advanceExact(doc) && ids.advanceExact(doc) && languages.advanceExact(doc)) {
                found.add(new Member(
                        ids.lookupOrd(ids.ordValue()).utf8ToString(),
                        groups.lookupOrd(groups.ordValue()).utf8ToString(),
                        languages.lookupOrd(languages.nextOrd()).utf8ToString(),
                        scores ? scorer.score() : 0f));
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return scores ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
