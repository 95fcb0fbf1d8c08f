package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;
import org.kcskb.StorageException;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;
import org.kcskb.index.analysis.QueryLanguageVote;
import org.kcskb.index.analysis.QueryWords;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.FacetCount;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.EngineText;
import org.kcskb.search.spi.PublicPartition;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The Lucene search engine: an index that follows the store, and searches that enforce visibility inside the
 * query. Thread-safe.
 */
final class LuceneSearchEngine implements SearchEngine {
    /** Totals are counted exactly up to this many hits, then reported as a lower bound. */
    static final int TOTAL_HITS_THRESHOLD = 1_000;

    private static final int FACET_VALUES = 20;

    private static final Pattern MARKED = Pattern.compile("<mark>(.*?)</mark>");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * BM25 with weaker length normalisation than Lucene's default (b 0.5 instead of 0.75): KCS fields are short
     * and combined per article, and a long resolution is rarely less relevant for being thorough. Measured on the
     * relevance sets, b 0.5 gained 0.3 to 4 points of nDCG@10 on three of the four, and lost 1 on the fourth.
     */
    private static final BM25Similarity BM25 = new BM25Similarity(1.2f, 0.5f);

    /**
     * The same BM25 over {@link ArticleFields#ALL}, with k1 scaled like its field-weighted frequencies, so that it
     * saturates as BM25F over the separate fields does.
     */
    private static final BM25Similarity WEIGHTED_BM25 = new BM25Similarity(1.2f * ArticleDocuments.WEIGHT_SCALE, 0.5f) {
        /**
         * The weighted number of words, without the tokens stacked on them (compound parts, prefixes):
         * what Lucene's default norm counts in a field analysed the usual way, where stacked tokens are
         * overlaps. Lucene adds every term frequency to the length of a field with custom frequencies.
         */
        @Override
        public long computeNorm(FieldInvertState state) {
            if (state.getAttributeSource() instanceof WeightedTerms weighted) {
                return SmallFloat.intToByte4(weighted.length());
            }
            return super.computeNorm(state);
        }
    };

    static final Similarity SIMILARITY = new PerFieldSimilarityWrapper() {
        @Override
        public Similarity get(String field) {
            return field.startsWith(ArticleFields.ALL + ".") ? WEIGHTED_BM25 : BM25;
        }
    };

    /**
     * One partition and what reads it: its analysis (the vocabulary learned from its own articles), query compiler,
     * typo look-ups, resemblance, and its own result cache; its suggestions are the partition's.
     */
    private static final class Tier {
        final IndexPartition partition;
        final Analysis analysis;
        final QueryCompiler compiler;
        final Typos typos;
        final Resemblance resemblance;
        final ResultCache cache;

        Tier(IndexPartition partition, long resultCacheBytes) {
            this.partition = partition;
            this.analysis = partition.analysis();
            this.compiler = new QueryCompiler(analysis);
            this.typos = new Typos(analysis);
            this.resemblance = new Resemblance(analysis);
            this.cache = new ResultCache(resultCacheBytes);
        }
    }

    /** Every article, as the store has it: searched by every viewer but the anonymous public, with their filter. */
    private final Tier all;

    /**
     * Only what the anonymous public may see ({@code policy.visibleTo(Viewer.anonymous(), false)}), with statistics,
     * compound vocabulary, suggestions and result cache of its own: the public's answers (hits, scores, totals,
     * facets, corrections, the query language, suggestions, related articles) are thus exactly what a knowledge base
     * holding only the public articles would give, whatever else the store holds. Null when the policy shows the
     * public nothing.
     */
    private final Tier open;

    /** What the anonymous public may see: what the {@link #open} partition admits, and whom it answers. */
    private final PublicPartition publicPartition;

    private final FilterBits filterBits = new FilterBits(FilterBits.DEFAULT_MAX_BYTES);
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String description;

    /** Opens the engine; {@code resultCacheBytes} bounds each partition's result cache (0: none). */
    LuceneSearchEngine(SearchEngineContext context, long resultCacheBytes) {
        this(context, resultCacheBytes, IndexPartition.Directories.DEFAULT);
    }

    /** Opens the engine with its index files in directories of {@code directories}: for tests of failing disks. */
    LuceneSearchEngine(SearchEngineContext context, IndexPartition.Directories directories) {
        this(context, LuceneSearchEngineProvider.DEFAULT_RESULT_CACHE_BYTES, directories);
    }

    private LuceneSearchEngine(
            SearchEngineContext context, long resultCacheBytes, IndexPartition.Directories directories) {
        this.clock = context.clock();
        this.description =
                "Lucene index " + context.directory().map(Path::toString).orElse("in memory");
        this.publicPartition = PublicPartition.of(context.visibilityPolicy());
        IndexPartition main =
                IndexPartition.open("main", context, context.directory(), article -> true, false, directories);
        try {
            this.all = new Tier(main, resultCacheBytes);
            // Beside the main index, not inside it: Lucene's files of the two must not mix in one directory.
            this.open = !publicPartition.exists()
                    ? null
                    : new Tier(
                            IndexPartition.open(
                                    "public",
                                    context,
                                    context.directory().map(d -> d.resolveSibling(d.getFileName() + "-public")),
                                    publicPartition::admits,
                                    true,
                                    directories),
                            resultCacheBytes);
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    private List<Tier> tiers() {
        return open == null ? List.of(all) : List.of(all, open);
    }

    /**
     * The partition that answers a viewer: the public one for the anonymous public whenever it holds everything the
     * request may see (a policy may show the public archived articles on request, which it does not hold), else
     * the main one, where the visibility filter limits every answer.
     */
    private Tier tier(Visibility visibility) {
        return open != null && publicPartition.answers(visibility) ? open : all;
    }

    /**
     * The documents of each segment the viewer may see, for the existence decisions (query language, typos): every
     * document of the public partition when the request sees all it holds, else those the visibility filter matches
     * (cached per segment with the search's own filters' bits).
     */
    private TermLookups lookups(Tier tier, IndexSearcher searcher, Visibility visibility) {
        if (tier == open && publicPartition.seesAll(visibility)) {
            return new TermLookups(searcher.getIndexReader());
        }
        Query visible = QueryCompiler.visibility(visibility);
        Weight[] weight = new Weight[1];
        return new TermLookups(searcher.getIndexReader(), leaf -> filterBits
                .get(leaf, visible, () -> {
                    if (weight[0] == null) {
                        // Without Lucene's query cache: the bits are the cache (as in FilteredByBits).
                        var uncached = new IndexSearcher(searcher.getTopReaderContext());
                        uncached.setQueryCache(null);
                        weight[0] = uncached.createWeight(uncached.rewrite(visible), ScoreMode.COMPLETE_NO_SCORES, 1);
                    }
                    return weight[0];
                })
                .docs());
    }

    @Override
    public SearchResult search(SearchRequest request, Visibility visibility) {
        ensureOpen();
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(visibility, "visibility");
        String text = EngineText.sanitize(request.text());
        if (text.isBlank()) {
            return SearchResult.empty();
        }
        Tier tier = tier(visibility);
        try {
            IndexSearcher searcher = tier.partition.acquire();
            try {
                // One vocabulary for the whole search, and the cache key's: a change applies to the next search.
                QueryVocabulary vocabulary = tier.analysis.queryVocabulary();
                if (request.explain()) {
                    return compute(tier, searcher, text, request, visibility, vocabulary);
                }
                var key = new ResultCache.Key(
                        request,
                        visibility,
                        ((DirectoryReader) searcher.getIndexReader()).getVersion(),
                        vocabulary.version());
                return tier.cache.get(key, () -> compute(tier, searcher, text, request, visibility, vocabulary));
            } finally {
                tier.partition.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Search failed reading the index: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StorageException(
                    "Search failed reading the index: " + e.getCause().getMessage(), e);
        }
    }

    private SearchResult compute(
            Tier tier,
            IndexSearcher searcher,
            String text,
            SearchRequest request,
            Visibility visibility,
            QueryVocabulary vocabulary)
            throws IOException {
        TermLookups lookups = lookups(tier, searcher, visibility);
        // The query's languages first, then every other language at a lower weight (see Searched).
        var languageKeys = new ArrayList<String>();
        List<String> queryKeys = languageKeys(tier.analysis, request.language(), text, lookups);
        for (String key : queryKeys) {
            if (indexed(searcher.getIndexReader(), key)) {
                languageKeys.add(key);
            }
        }
        int preferred = languageKeys.size();
        for (String key : ArticleFields.LANGUAGE_KEYS) {
            if (!languageKeys.contains(key) && indexed(searcher.getIndexReader(), key)) {
                languageKeys.add(key);
            }
        }
        if (languageKeys.isEmpty()) {
            return SearchResult.empty();
        }
        var searched = new Searched(
                List.copyOf(languageKeys), preferred, vocabulary, QueryVocabulary.queryLanguage(queryKeys));
        Pins pins = pins(searcher, request, visibility, searched);
        Typos.Corrections corrections = tier.typos.correct(text, searched.own(), searcher.getIndexReader(), lookups);
        SearchResult result = run(tier, searcher, text, searched, corrections, request, visibility, lookups, pins);
        if (result.totalHits() - pins.added == 0) {
            Optional<SearchResult> relaxed =
                    relax(tier, searcher, text, searched, corrections, request, visibility, lookups, pins);
            if (relaxed.isPresent()) {
                return relaxed.get();
            }
        }
        if (corrections.isEmpty()) {
            return result;
        }
        return result.withDidYouMean(correctedText(tier, result, corrections, searched.own()));
    }

    /**
     * The language keys a search reads: the query's languages (the requested or detected one and the
     * language-neutral block, or every language when the query's is unsure), then every other indexed language,
     * whose clauses weigh {@link QueryCompiler#CROSS_LANGUAGE_WEIGHT}. So a German query finds the German version of
     * an issue first, and still finds an issue documented only in English.
     *
     * @param keys every language key searched, the query's first; never empty
     * @param preferred how many of {@code keys} are the query's languages (0 when none of them is indexed)
     * @param vocabulary the vocabulary the search applies
     * @param queryLanguage whose synonyms, expansions and best bets apply ({@link QueryVocabulary#queryLanguage} of
     *     the requested or detected language, whether or not its articles are indexed)
     */
    private record Searched(List<String> keys, int preferred, QueryVocabulary vocabulary, String queryLanguage) {
        /**
         * The query's languages, or every language searched when none of them is indexed: the languages typos are
         * corrected in, so that a correction is a word of the query's language (a German word is no typo of a
         * rarer English one, and "pirnter offlne" is not corrected to German words while English has them).
         */
        List<String> own() {
            return preferred == 0 ? keys : keys.subList(0, preferred);
        }
    }

    /** Searches {@code text}, with each of its corrections, in the {@code searched} languages. */
    private SearchResult run(
            Tier tier,
            IndexSearcher searcher,
            String text,
            Searched searched,
            Typos.Corrections corrections,
            SearchRequest request,
            Visibility visibility,
            TermLookups lookups,
            Pins pins)
            throws IOException {
        QueryCompiler.Compiled compiled = tier.compiler.text(
                text,
                searched.keys(),
                searched.preferred(),
                corrections,
                lookups,
                searched.vocabulary(),
                searched.queryLanguage());
        var priors = new KcsPriors(clock, AskerContext.of(request));
        Query filter = QueryCompiler.filter(request, visibility);
        Query filtered = compiled.filtered(filter, filterBits);
        if (hasTranslations(searcher)) {
            // Of an issue matched in several languages only the preferred language's version counts (see
            // Translations): decided before the search, so that totals, facets and pages count it once.
            filtered = Translations.without(
                    filtered,
                    Translations.collapsed(
                            searcher,
                            priors.boost(compiled.filtered(Translations.grouped(filter), filterBits)),
                            preferredLanguage(request, searched)));
        }
        var ranking = new Ranking(priors.boost(filtered), compiled.bonus(), priors);
        return withTranslations(
                searcher,
                execute(searcher, ranking, compiled.highlight(), request, lookups, pins, compiled.vocabulary()),
                visibility);
    }

    /**
     * Which translation of an issue a search shows when several match: the one in the request's language, or, for a
     * request that leaves the language to detection, in the detected one; none when the query's language is unsure
     * (then the best-scoring translation is shown).
     */
    private static java.util.function.Predicate<Locale> preferredLanguage(SearchRequest request, Searched searched) {
        if (!request.language().equals(Locale.ROOT)) {
            String wanted = request.language().getLanguage();
            return language -> language.getLanguage().equals(wanted);
        }
        if (searched.preferred() == 0 || searched.preferred() == searched.keys().size()) {
            return language -> false;
        }
        var keys = new java.util.HashSet<>(searched.own());
        keys.remove(ArticleFields.OTHER);
        return language -> keys.contains(ArticleFields.languageKey(language));
    }

    /** Whether any article of the index has translations; an index without any skips collapsing. */
    private static boolean hasTranslations(IndexSearcher searcher) {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(ArticleFields.TRANSLATION_GROUP) != null) {
                return true;
            }
        }
        return false;
    }

    /** Returns {@code result} with the translations the viewer may see on each hit. */
    private static SearchResult withTranslations(IndexSearcher searcher, SearchResult result, Visibility visibility)
            throws IOException {
        if (!hasTranslations(searcher) || result.hits().isEmpty()) {
            return result;
        }
        return result.withHits(Translations.attach(searcher, result.hits(), QueryCompiler.visibility(visibility)));
    }

    /** The corrected query, each correction spelled as the result's articles spell it. */
    private static String correctedText(
            Tier tier, SearchResult result, Typos.Corrections corrections, List<String> languageKeys) {
        Map<String, String> surfaces = surfaces(tier.analysis, result, languageKeys.getFirst());
        return corrections.correctedText(form -> surfaces.getOrDefault(form, form));
    }

    /**
     * The results of a relaxed form of a query that found nothing the viewer may see, or empty when no relaxed form
     * finds anything either. In order, the first that finds something:
     *
     * <ol>
     *   <li>the query with its typos corrected, words of 4 characters included ({@link Typos#correctRelaxed}):
     *       "how do i logn" shows the results of "how do i login";
     *   <li>the query without the words that no visible article holds in the searched languages: "how do i
     *       frobnicate" shows the results of "how do i", which the query analysis searches with its stopwords, as
     *       when nothing else remains.
     * </ol>
     *
     * <p>A relaxation that drops optional words has nothing to do here: the query is a disjunction (an article
     * matching any word is a hit), so no word is required. Every decision counts only articles the viewer may see
     * ({@code lookups}), and the relaxed query runs with the request's filters, so whether a query is relaxed, and
     * to what, depends on nothing the viewer may not see. Every page of a relaxed search is relaxed alike (the
     * decision rests on the query's total, not on its page), so offsets and cursors page through the relaxed
     * results.
     */
    private Optional<SearchResult> relax(
            Tier tier,
            IndexSearcher searcher,
            String text,
            Searched searched,
            Typos.Corrections typed,
            SearchRequest request,
            Visibility visibility,
            TermLookups lookups,
            Pins pins)
            throws IOException {
        List<String> languageKeys = searched.keys();
        Typos.Corrections corrections =
                tier.typos.correctRelaxed(text, searched.own(), searcher.getIndexReader(), lookups);
        // The same corrections as the search as typed had would find what it found: nothing.
        if (!corrections.isEmpty() && !corrections.words().equals(typed.words())) {
            String corrected = corrections.correctedText(form -> form);
            SearchResult result = run(
                    tier, searcher, corrected, searched, Typos.Corrections.NONE, request, visibility, lookups, pins);
            if (result.totalHits() - pins.added > 0) {
                String shown = correctedText(tier, result, corrections, searched.own());
                return Optional.of(result.withDidYouMean(shown)
                        .withRelaxation(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, shown)));
            }
        }
        Optional<String> known = knownWords(tier.analysis, text, languageKeys, lookups);
        if (known.isPresent()) {
            SearchResult result = run(
                    tier, searcher, known.get(), searched, Typos.Corrections.NONE, request, visibility, lookups, pins);
            if (result.totalHits() - pins.added > 0) {
                return Optional.of(
                        result.withRelaxation(new Relaxation(Relaxation.Kind.DROPPED_UNKNOWN_WORDS, known.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * The words of {@code text} that some article the viewer may see holds as written in one of
     * {@code languageKeys}, as typed and separated by spaces; empty when every word is held (nothing to drop) or
     * none is (nothing to search).
     */
    private static Optional<String> knownWords(
            Analysis analysis, String text, List<String> languageKeys, TermLookups lookups) throws IOException {
        var kept = new ArrayList<String>();
        boolean dropped = false;
        // As the index writes them, stopwords included (the query analysis would drop them beside other words); a
        // compound's parts stacked on it (increment 0) are no words of the query.
        List<Tokens.Token> words =
                Tokens.analyze(analysis.indexAnalyzer(), field(ArticleFields.EXACT, languageKeys.getFirst()), text)
                        .stream()
                        .filter(token -> token.increment() > 0)
                        .limit(QueryCompiler.MAX_TERMS)
                        .toList();
        for (Tokens.Token word : words) {
            boolean held = false;
            for (String key : languageKeys) {
                if (lookups.visibleDocs(new Term(field(ArticleFields.EXACT, key), word.term()), 1) > 0) {
                    held = true;
                    break;
                }
            }
            if (held) {
                kept.add(text.substring(word.start(), word.end()));
            } else {
                dropped = true;
            }
        }
        return dropped && !kept.isEmpty() ? Optional.of(String.join(" ", kept)) : Optional.empty();
    }

    /**
     * The spellings of the words in a result's titles and marked snippet words, by exact normal form: how the
     * articles write a correction ("Kündigung" for {@code kundigung}), lower-cased.
     */
    private static Map<String, String> surfaces(Analysis analysis, SearchResult result, String languageKey) {
        Analyzer exact = analysis.exactQueryAnalyzer(languageKey);
        var surfaces = new HashMap<String, String>();
        for (SearchHit hit : result.hits()) {
            String marked = MARKED.matcher(hit.snippet())
                    .results()
                    .map(m -> EngineText.unescapeHtml(m.group(1)))
                    .collect(Collectors.joining(" "));
            for (String word : WORD.split(hit.title() + " " + marked)) {
                if (!word.isEmpty()) {
                    surfaces.putIfAbsent(exact.normalize("", word).utf8ToString(), word.toLowerCase(Locale.ROOT));
                }
            }
        }
        return surfaces;
    }

    private SearchResult execute(
            IndexSearcher searcher, Ranking ranking, Query highlight, SearchRequest request, TermLookups lookups)
            throws IOException {
        return execute(searcher, ranking, highlight, request, lookups, Pins.none(), List.of());
    }

    private SearchResult execute(
            IndexSearcher searcher,
            Ranking ranking,
            Query highlight,
            SearchRequest request,
            TermLookups lookups,
            Pins pins,
            List<String> vocabularyNotes)
            throws IOException {
        PageCursor cursor = request.after().map(PageCursor::decode).orElse(PageCursor.start(request.offset()));
        // A page beyond the window continues the first phase after the cursor's hit; any other page is ranked from
        // the top, the window rescored. One hit more than the page tells whether there is a next page.
        boolean beyondWindow = cursor.after() != null;
        int from = beyondWindow ? 0 : cursor.position();
        int to = from + request.limit();
        int depth = beyondWindow ? to + 1 : Math.max(Ranking.WINDOW, to + 1);
        // Score, then article id: a total order that survives merges (doc ids do not), so cursors stay valid across
        // refreshes. Sorting by score first still lets the collector skip non-competitive documents.
        // Ids serve the window's order after rescoring and the next page's cursor; each hit shown has its own.
        var top = new TopHits(
                depth, cursor.after(), TOTAL_HITS_THRESHOLD, rank -> rank < Ranking.WINDOW || rank == to - 1);
        TopFieldDocs docs;
        FacetsCollector facets = null;
        if (request.facets()) {
            Object[] results =
                    searcher.search(ranking.first(), new MultiCollectorManager(top, new FacetsCollectorManager()));
            docs = (TopFieldDocs) results[0];
            facets = (FacetsCollector) results[1];
        } else {
            docs = searcher.search(ranking.first(), top);
        }
        FieldDoc[] firstPhase = Arrays.copyOf(docs.scoreDocs, docs.scoreDocs.length, FieldDoc[].class);
        FieldDoc[] ranked = beyondWindow ? firstPhase : ranking.rescore(searcher, firstPhase, lookups);
        long total = docs.totalHits.value();
        if (!pins.pins.isEmpty()) {
            ranked = pins.apply(searcher, ranking, ranked, beyondWindow);
            total += pins.added;
        }
        int end = Math.min(ranked.length, to);
        FieldDoc[] page = end > from ? Arrays.copyOfRange(ranked, from, end) : new FieldDoc[0];
        SearchHit[] hits = new SearchHit[page.length];
        var snippets = new Snippets(highlight, lookups);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        var storedFields = new StoredFields[leaves.size()];
        // In doc id order: stored fields are compressed in blocks of neighbouring documents, and the snippets of
        // one segment read its postings front to back.
        Integer[] order = new Integer[page.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> page[i].doc));
        for (int i : order) {
            FieldDoc scoreDoc = page[i];
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(scoreDoc.doc, leaves));
            int leafOrd = leaf.ord;
            if (storedFields[leafOrd] == null) {
                storedFields[leafOrd] = leaf.reader().storedFields();
            }
            int docInLeaf = scoreDoc.doc - leaf.docBase;
            var stored = new StoredHit();
            storedFields[leafOrd].document(docInLeaf, stored);
            Locale language = Languages.parse(stored.language);
            String snippet = snippets.snippet(leaf, docInLeaf, ArticleFields.languageKey(language), stored.texts);
            Optional<String> explanation = request.explain()
                    ? Optional.of(ranking.explain(searcher, scoreDoc.doc, !beyondWindow && from + i < Ranking.WINDOW)
                            .toString())
                    : Optional.empty();
            explanation = explained(explanation, pins.note(scoreDoc.doc), vocabularyNotes);
            hits[i] = new SearchHit(
                    ArticleId.of(stored.id),
                    stored.revision,
                    stored.title,
                    snippet,
                    (Float) scoreDoc.fields[0],
                    ArticleState.valueOf(stored.state),
                    Audience.valueOf(stored.audience),
                    language,
                    Instant.ofEpochMilli(stored.modified),
                    explanation);
        }
        boolean exact = docs.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        Optional<String> next = Optional.empty();
        if (ranked.length > to && page.length > 0) {
            next = Optional.of(
                    !beyondWindow && to < Ranking.WINDOW
                            ? PageCursor.at(to)
                            // Beyond the window the order is the first phase's: continue after its hit at `to - 1`.
                            : PageCursor.after(firstPhase[to - 1]));
        }
        Map<String, List<FacetCount>> facetCounts = facets == null ? Map.of() : countFacets(facets);
        return new SearchResult(List.of(hits), total, exact, facetCounts, Optional.empty(), next);
    }

    /**
     * The articles that best bets pin to a query for this request: those whose rule applies to the query's
     * language (the requested or detected one, as for synonyms; rules for every language always) and whose query equals the request's
     * normalised text, in the vocabulary's order, and only those the viewer may see and the request's filters accept.
     * An article the viewer may not see is not looked at any further, so the answer is then the same as without the
     * best bet.
     */
    private static Pins pins(IndexSearcher searcher, SearchRequest request, Visibility visibility, Searched searched)
            throws IOException {
        Vocabulary vocabulary = searched.vocabulary().vocabulary();
        if (!searched.vocabulary().hasBestBets()) {
            return Pins.none();
        }
        // The query's language as for its synonyms (rules for every language always apply).
        Set<Locale> languages = QueryVocabulary.locales(searched.queryLanguage());
        var notes = new LinkedHashMap<String, String>();
        for (VocabularyEntry entry : vocabulary.bestBets(languages, request.text())) {
            var bet = (VocabularyRule.BestBet) entry.rule();
            notes.put(
                    bet.article().value(),
                    "best bet: pinned first for '" + bet.query() + "' (vocabulary entry " + entry.id() + ")");
        }
        if (notes.isEmpty()) {
            return Pins.none();
        }
        Query filter = QueryCompiler.filter(request, visibility);
        var pins = new ArrayList<Pin>();
        for (var note : notes.entrySet()) {
            Query visible = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ArticleFields.ID, note.getKey())), Occur.FILTER)
                    .add(filter, Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(visible, 1);
            if (top.scoreDocs.length > 0) {
                pins.add(new Pin(top.scoreDocs[0].doc, note.getKey(), note.getValue()));
            }
        }
        return pins.isEmpty() ? Pins.none() : new Pins(List.copyOf(pins));
    }

    /** An article a best bet pins, as the viewer may see it: its document, id and the note its hit carries. */
    private record Pin(int doc, String id, String note) {}

    /**
     * The pinned articles of one search: shown first on the first page (the window's pages), in their order, and
     * nowhere else; counted once in the total ({@link #added} is how many of them the text query did not match).
     * Used by one search on one thread.
     */
    private static final class Pins {
        final List<Pin> pins;
        /** How many pinned articles the last {@link #apply} added to the text query's hits. */
        int added;

        Pins(List<Pin> pins) {
            this.pins = pins;
        }

        static Pins none() {
            return new Pins(List.of());
        }

        /** Returns the ranked hits with the pinned articles first (beyond the window: without them). */
        FieldDoc[] apply(IndexSearcher searcher, Ranking ranking, FieldDoc[] ranked, boolean beyondWindow)
                throws IOException {
            added = 0;
            var pinnedDocs = new HashSet<Integer>();
            pins.forEach(pin -> pinnedDocs.add(pin.doc()));
            var rest = new ArrayList<FieldDoc>(ranked.length + pins.size());
            var found = new HashMap<Integer, FieldDoc>();
            for (FieldDoc hit : ranked) {
                if (pinnedDocs.contains(hit.doc)) {
                    found.put(hit.doc, hit);
                } else {
                    rest.add(hit);
                }
            }
            float top = ranked.length == 0 ? 0 : (Float) ranked[0].fields[0];
            var first = new ArrayList<FieldDoc>(pins.size());
            for (Pin pin : pins) {
                FieldDoc hit = found.get(pin.doc());
                if (hit == null) {
                    Query matched = new BooleanQuery.Builder()
                            .add(ranking.first(), Occur.MUST)
                            .add(new TermQuery(new Term(ArticleFields.ID, pin.id())), Occur.FILTER)
                            .build();
                    if (searcher.count(matched) == 0) {
                        added++;
                    }
                }
                float score = Math.max(top, hit == null ? 0 : (Float) hit.fields[0]);
                first.add(new FieldDoc(pin.doc(), score, new Object[] {score, new BytesRef(pin.id())}));
            }
            if (beyondWindow) {
                return rest.toArray(FieldDoc[]::new);
            }
            first.addAll(rest);
            return first.toArray(FieldDoc[]::new);
        }

        /** The note of a pinned article's hit, or empty for any other. */
        Optional<String> note(int doc) {
            for (Pin pin : pins) {
                if (pin.doc() == doc) {
                    return Optional.of(pin.note());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A hit's explanation: a pinned article always says so (how a page marks a best bet); an explained search also
     * says which synonyms and expansions of the vocabulary its query matched.
     */
    private static Optional<String> explained(
            Optional<String> explanation, Optional<String> pinned, List<String> vocabularyNotes) {
        if (explanation.isEmpty()) {
            return pinned;
        }
        var parts = new ArrayList<String>();
        pinned.ifPresent(parts::add);
        vocabularyNotes.forEach(note -> parts.add("query vocabulary: " + note));
        parts.add(explanation.get());
        return Optional.of(String.join("\n", parts));
    }

    /** Reads what a hit shows and its snippet fields, and skips the other stored text. */
    private static final class StoredHit extends StoredFieldVisitor {
        private static final List<String> SNIPPET_FIELDS = ArticleFields.LANGUAGE_KEYS.stream()
                .flatMap(key -> Snippets.SNIPPET_FIELDS.stream().map(base -> ArticleFields.field(base, key)))
                .toList();

        String id = "";
        int revision;
        String title = "";
        String state = "";
        String audience = "";
        String language = "";
        long modified;
        final Map<String, String> texts = new HashMap<>(4);

        @Override
        public Status needsField(FieldInfo field) {
            return switch (field.name) {
                case ArticleFields.ID,
                        ArticleFields.REVISION,
                        ArticleFields.STORED_TITLE,
                        ArticleFields.STATE,
                        ArticleFields.AUDIENCE,
                        ArticleFields.LANGUAGE,
                        ArticleFields.STORED_MODIFIED -> Status.YES;
                default -> SNIPPET_FIELDS.contains(field.name) ? Status.YES : Status.NO;
            };
        }

        @Override
        public void stringField(FieldInfo field, String value) {
            switch (field.name) {
                case ArticleFields.ID -> id = value;
                case ArticleFields.STORED_TITLE -> title = value;
                case ArticleFields.STATE -> state = value;
                case ArticleFields.AUDIENCE -> audience = value;
                case ArticleFields.LANGUAGE -> language = value;
                default -> texts.put(field.name, value);
            }
        }

        @Override
        public void intField(FieldInfo field, int value) {
            if (field.name.equals(ArticleFields.REVISION)) {
                revision = value;
            }
        }

        @Override
        public void longField(FieldInfo field, long value) {
            if (field.name.equals(ArticleFields.STORED_MODIFIED)) {
                modified = value;
            }
        }
    }

    /** Counts facet values over exactly the matching documents, which the visibility filter already limited. */
    private static Map<String, List<FacetCount>> countFacets(FacetsCollector collector) throws IOException {
        var result = new HashMap<String, List<FacetCount>>();
        for (String dimension : ArticleFields.FACETS) {
            var counts = new HashMap<String, Long>();
            for (FacetsCollector.MatchingDocs matching : collector.getMatchingDocs()) {
                if (matching.totalHits() == 0 || matching.bits() == null) {
                    continue;
                }
                SortedSetDocValues values =
                        matching.context().reader().getSortedSetDocValues(ArticleFields.FACET_PREFIX + dimension);
                if (values == null) {
                    continue;
                }
                var perOrdinal = new HashMap<Long, Long>();
                DocIdSetIterator docs = matching.bits().iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (values.advanceExact(doc)) {
                        for (int i = 0; i < values.docValueCount(); i++) {
                            perOrdinal.merge(values.nextOrd(), 1L, Long::sum);
                        }
                    }
                }
                for (var entry : perOrdinal.entrySet()) {
                    counts.merge(values.lookupOrd(entry.getKey()).utf8ToString(), entry.getValue(), Long::sum);
                }
            }
            if (!counts.isEmpty()) {
                result.put(
                        dimension,
                        counts.entrySet().stream()
                                .sorted(Map.Entry.<String, Long>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .limit(FACET_VALUES)
                                .map(e -> new FacetCount(e.getKey(), e.getValue()))
                                .toList());
            }
        }
        return result;
    }

    /**
     * The query's language blocks, searched at full weight (every other one at a lower weight, see {@link
     * Searched}): the requested language, else the one the knowledge base's own vocabulary tells, else every
     * language.
     *
     * <p>A query is told by its words, not by a language model: the language whose articles hold more of the
     * query's words (in their written form, stopwords included, since they tell the most) is searched, with the
     * language-neutral block; a tie for the most, such as "Outlook Update" in a knowledge base of German and English,
     * searches every language. Short queries are what a model reads worst (OpenNLP cannot tell "drucker" or "update"), and
     * the vocabulary answers with a few term look-ups where the model took a fifth of a short search.
     */
    private static List<String> languageKeys(Analysis analysis, Locale requested, String text, TermLookups lookups)
            throws IOException {
        if (!requested.equals(Locale.ROOT)) {
            String key = ArticleFields.languageKey(requested);
            return key.equals(ArticleFields.OTHER) ? List.of(ArticleFields.OTHER) : List.of(key, ArticleFields.OTHER);
        }
        var known = new LinkedHashMap<String, Integer>();
        for (String key : ArticleFields.LANGUAGE_KEYS) {
            if (!key.equals(ArticleFields.OTHER)) {
                known.put(key, knownWords(analysis, key, text, lookups));
            }
        }
        return QueryLanguageVote.winner(known)
                .map(best -> List.of(best, ArticleFields.OTHER))
                .orElse(ArticleFields.LANGUAGE_KEYS);
    }

    /**
     * Whether any article of a language key is indexed: a language without articles is not searched at all. Every
     * article has every language's field (empty but for its own language), so this asks for terms.
     */
    private static boolean indexed(IndexReader reader, String key) throws IOException {
        String all = field(ArticleFields.ALL, key);
        for (LeafReaderContext leaf : reader.leaves()) {
            if (leaf.reader().terms(all) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many of the first words of {@code text} the articles of a language hold (as written), counting only live
     * articles the viewer may see: a word of hidden articles must not tip the vote, or the language chosen would
     * tell whether hidden articles hold it.
     */
    private static int knownWords(Analysis analysis, String key, String text, TermLookups lookups) throws IOException {
        String exact = field(ArticleFields.EXACT, key);
        int known = 0;
        int words = 0;
        for (Tokens.Token token : Tokens.analyze(analysis.indexAnalyzer(), exact, text)) {
            if (++words > QueryCompiler.MAX_TERMS) {
                break;
            }
            if (lookups.visibleDocs(new Term(exact, token.term()), 1) > 0) {
                known++;
            }
        }
        return known;
    }

    @Override
    public List<Suggestion> suggest(String prefix, Visibility visibility, int limit) {
        ensureOpen();
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(visibility, "visibility");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return tier(visibility).partition.suggestions().suggest(EngineText.sanitize(prefix), visibility, limit);
    }

    @Override
    public void learnQueries(List<AnsweredQuery> answered) {
        ensureOpen();
        List<AnsweredQuery> copy = List.copyOf(answered);
        // Every partition learns them; each suggests a query only with its own articles' visibility.
        for (Tier tier : tiers()) {
            tier.partition.suggestions().learn(copy);
        }
    }

    @Override
    public void forgetQuery(String normalizedQuery) {
        ensureOpen();
        Objects.requireNonNull(normalizedQuery, "normalizedQuery");
        for (Tier tier : tiers()) {
            tier.partition.suggestions().forget(normalizedQuery);
        }
    }

    /** Candidates read for duplicate detection, re-ranked by similarity. */
    private static final int SIMILAR_CANDIDATES = 30;

    @Override
    public List<SimilarArticle> similar(ArticleContent draft, Visibility visibility, int limit) {
        ensureOpen();
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(visibility, "visibility");
        String text = EngineText.sanitize(String.join(
                "\n",
                draft.title(),
                org.kcskb.render.ArticleText.plain(draft, org.kcskb.article.TextField.ISSUE),
                org.kcskb.render.ArticleText.plain(draft, org.kcskb.article.TextField.ENVIRONMENT)));
        List<String> keys = draft.language().equals(Locale.ROOT)
                ? ArticleFields.LANGUAGE_KEYS
                : List.of(ArticleFields.languageKey(draft.language()));
        Tier tier = tier(visibility);
        try {
            IndexSearcher searcher = tier.partition.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                Resemblance.Likeness likeness = tier.resemblance.like(text, keys, reader);
                Query query = new BooleanQuery.Builder()
                        .add(likeness.query(), Occur.MUST)
                        .add(QueryCompiler.visibility(visibility), Occur.FILTER)
                        .build();
                ScoreDoc[] top = searcher.search(query, SIMILAR_CANDIDATES).scoreDocs;
                double total = likeness.totalWeight();
                var similar = new ArrayList<SimilarArticle>(top.length);
                StoredFields stored = reader.storedFields();
                for (ScoreDoc scoreDoc : top) {
                    List<Resemblance.Selected> matched = Resemblance.matched(reader, scoreDoc.doc, likeness.terms());
                    double share = matched.stream()
                            .mapToDouble(Resemblance.Selected::weight)
                            .sum();
                    var hit = stored.document(
                            scoreDoc.doc, Set.of(ArticleFields.ID, ArticleFields.STORED_TITLE, ArticleFields.STATE));
                    similar.add(new SimilarArticle(
                            ArticleId.of(hit.get(ArticleFields.ID)),
                            hit.get(ArticleFields.STORED_TITLE),
                            ArticleState.valueOf(hit.get(ArticleFields.STATE)),
                            Math.min(1, share / total),
                            matched.stream()
                                    .map(Resemblance.Selected::word)
                                    .distinct()
                                    .toList()));
                }
                // Most of the draft covered first; the BM25 order (stable sort) breaks ties.
                similar.sort(
                        Comparator.comparingDouble(SimilarArticle::similarity).reversed());
                return List.copyOf(similar.subList(0, Math.min(limit, similar.size())));
            } finally {
                tier.partition.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Looking for similar articles failed reading the index: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SearchHit> related(ArticleId id, Visibility visibility, int limit) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(visibility, "visibility");
        Tier tier = tier(visibility);
        try {
            IndexSearcher searcher = tier.partition.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                TopDocs self = searcher.search(new TermQuery(new Term(ArticleFields.ID, id.value())), 1);
                if (self.scoreDocs.length == 0) {
                    return List.of();
                }
                var article = new StoredHit();
                reader.storedFields().document(self.scoreDocs[0].doc, article);
                String key = ArticleFields.languageKey(Languages.parse(article.language));
                String text = article.title + "\n" + article.texts.getOrDefault(field(ArticleFields.ISSUE, key), "");
                Resemblance.Likeness likeness = tier.resemblance.like(text, List.of(key), reader);
                Query query = new BooleanQuery.Builder()
                        .add(new KcsPriors(clock).boost(likeness.query()), Occur.MUST)
                        .add(QueryCompiler.visibility(visibility), Occur.FILTER)
                        .add(new TermQuery(new Term(ArticleFields.ID, id.value())), Occur.MUST_NOT)
                        .build();
                SearchRequest page = SearchRequest.builder("related " + id.value(), Viewer.anonymous())
                        .limit(limit)
                        .build();
                return withTranslations(
                                searcher,
                                execute(
                                        searcher,
                                        Ranking.of(query),
                                        likeness.highlight(),
                                        page,
                                        new TermLookups(reader)),
                                visibility)
                        .hits();
            } finally {
                tier.partition.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Looking for related articles failed reading the index: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> words(String text, Locale language, Visibility visibility) {
        ensureOpen();
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(visibility, "visibility");
        // The viewer's partition: its compound vocabulary was learned from articles the viewer may see.
        Analysis analysis = tier(visibility).analysis;
        return QueryWords.of(analysis.queryAnalyzer(ArticleFields.languageKey(language)), EngineText.sanitize(text));
    }

    @Override
    public QueryCacheStats queryCacheStats() {
        ensureOpen();
        // One cache per partition, each bounded by the configured bytes; reported as one.
        QueryCacheStats sum = all.cache.stats();
        if (open != null) {
            QueryCacheStats other = open.cache.stats();
            sum = new QueryCacheStats(
                    sum.hits() + other.hits(),
                    sum.misses() + other.misses(),
                    sum.evictions() + other.evictions(),
                    sum.entries() + other.entries(),
                    sum.weightBytes() + other.weightBytes(),
                    sum.maxWeightBytes() + other.maxWeightBytes());
        }
        return sum;
    }

    @Override
    public boolean awaitSearchable(long sequence, Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Tier tier : tiers()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!tier.partition.awaitSearchable(sequence, left)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long searchableSequence() {
        ensureOpen();
        long searchable = Long.MAX_VALUE;
        for (Tier tier : tiers()) {
            searchable = Math.min(searchable, tier.partition.searchableSequence());
        }
        return searchable;
    }

    @Override
    public void rebuild() {
        ensureOpen();
        for (Tier tier : tiers()) {
            tier.partition.rebuild();
        }
    }

    /** Rebuilds every partition, each a share of the progress: each reads every article of the store. */
    @Override
    public void rebuild(org.kcskb.transfer.TransferListener listener) {
        ensureOpen();
        List<Tier> tiers = tiers();
        for (int i = 0; i < tiers.size(); i++) {
            tiers.get(i).partition.rebuild(listener.share(i, tiers.size()));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (open != null) {
                open.partition.close();
            }
        } finally {
            all.partition.close();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The search engine is closed");
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** The live documents of the main partition's current searcher: one per article it holds. */
    @Override
    public java.util.OptionalLong indexedArticles() {
        ensureOpen();
        try {
            IndexSearcher searcher = all.partition.acquire();
            try {
                return java.util.OptionalLong.of(searcher.getIndexReader().numDocs());
            } finally {
                all.partition.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Counting the indexed articles failed: " + e.getMessage(), e);
        }
    }

    /** For tests: the reader generation of the main partition, to check that refreshes happen. */
    long readerVersion() throws IOException {
        IndexSearcher searcher = all.partition.acquire();
        try {
            return ((DirectoryReader) searcher.getIndexReader()).getVersion();
        } finally {
            all.partition.release(searcher);
        }
    }
}
