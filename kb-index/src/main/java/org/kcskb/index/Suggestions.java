package org.kcskb.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.kcskb.StorageException;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Signals;
import org.kcskb.index.SuggestionText.Token;
import org.kcskb.index.analysis.CompletionAnalyzer;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.EngineText;

/**
 * Search-as-you-type: completions from article titles and from answered queries, in a small in-memory index of
 * its own. Thread-safe: the index follower and the analytics thread write, any number of threads suggest.
 *
 * <p>Derived state, rebuilt on every open: one document per title and one per (query, answering article) pair,
 * each indexed under every prefix (up to {@value SuggestionText#MAX_PREFIX} characters) of its words in normal
 * form and, for German, of the parts of its compounds, so that a lookup is one term query per typed word. Every
 * document carries the state, audience and author of its article, and a lookup admits a match only when the
 * viewer's grants allow it, with exactly the rule of the search filter (state and audience, and the author for
 * own-only grants), before it can become a candidate. A query is thus visible when one of the articles that
 * answered it is; its weight counts only the answers of that article, so neither the list nor its order reveals
 * anything about articles the viewer may not see. Archived articles are not indexed at all.
 *
 * <p>A learned query is moreover kept per audience it was typed in ({@link AnsweredQuery#audience()}) and shown
 * only to viewers of that {@linkplain org.kcskb.actor.Viewer#audience() audience}: what agents typed never reaches
 * partners or the public, what partners typed never the public (nor the reverse). Which queries arrive here at all
 * (enough distinct visitors, nothing personal, not blocked) the knowledge base decides; {@link #forget} drops a
 * blocked one at once, {@link #remove} everything learned for a purged article.
 *
 * <p>Ranking: completions whose first word starts with the first typed word come first, then the most popular
 * (weight), then the shortest; the normalised text and the document id break ties. The index is sorted in that
 * order apart from the first criterion, which is a pass of its own, so a lookup reads matches best first and stops
 * once it has enough, instead of ranking every document that matches a one-letter prefix.
 */
final class Suggestions implements AutoCloseable {
    /** At most this many (query, article) pairs are kept; beyond it the least answered are forgotten. */
    static final int MAX_ANSWERS = 100_000;

    /**
     * A lookup reads at most this many matches per pass beyond the first {@code limit}, so that many articles with
     * one title (duplicates, shown once) cannot make it read long.
     */
    private static final int MAX_DUPLICATES_READ = 256;

    private static final String PREFIX = "prefix";
    private static final String FIRST = "first";
    /** Numeric doc values: the article's {@link #visibilityCode state and audience}. */
    private static final String VISIBILITY = "visibility";
    /** Binary doc values: the article's author, for own-only grants. */
    private static final String AUTHOR = "author";
    /**
     * Numeric doc values: the ordinal of the audience a learned query was typed in; {@link #TITLE_TYPED} for
     * titles, which every viewer who may see the article may see.
     */
    private static final String TYPED = "typed";

    private static final long TITLE_TYPED = -1;
    /**
     * Terms: the visibility code, and the code with the author ({@code 7|agent-1}), to skip invisible matches; a
     * learned query's terms end in the audience it was typed in ({@code 7@0}, {@code 7|agent-1@2}), so that the
     * query skips what other audiences typed as well.
     */
    private static final String ACCESS = "access";

    /**
     * Viewers whose grants come to at most this many {@link #ACCESS} terms (the public, partners, own-only grants)
     * also filter matches by terms, so that the query skips what they may not see instead of reading it: without
     * it, a viewer who may see only their own articles read every match of "d", 2 ms at 100,000 articles. Agents,
     * who see nearly everything, would pay a term lookup per grant and segment for nothing. Two terms a grant:
     * titles, and queries typed in the viewer's audience.
     */
    private static final int MAX_ACCESS_TERMS = 8;

    private static final String ARTICLE = "article";
    private static final String UID = "uid";
    private static final String WEIGHT = "weight";
    private static final String LENGTH = "length";
    private static final String KEY = "key";
    /** Binary doc values: the key, the uid and the text, each followed by a NUL, for lookups to read in one go. */
    private static final String ENTRY = "entry";

    private static final String TITLE_UID = "t:";
    private static final String QUERY_UID = "q:";

    /** The index order: also the order of a lookup within each of its two passes. */
    private static final Sort ORDER = new Sort(
            new SortField(WEIGHT, SortField.Type.DOUBLE, true),
            new SortField(LENGTH, SortField.Type.LONG),
            new SortField(KEY, SortField.Type.STRING),
            new SortField(UID, SortField.Type.STRING));

    /** At most this many rewrites of the typed words by the vocabulary are looked up. */
    static final int MAX_REWRITES = 8;

    private final CompletionAnalyzer analyzer;
    /** The vocabulary's rules over typed words, read on every lookup: a change applies to the next keystroke. */
    private final Supplier<VocabularyMatcher> vocabulary;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Guards every change: the maps below and the writer's documents change together. */
    private final ReentrantLock lock = new ReentrantLock();

    /** Every article the store has, archived ones included (answers may name them). Read by lookups. */
    private final Map<ArticleId, Titled> articles = new ConcurrentHashMap<>();
    /** The non-archived articles per title key, so that a query equal to a visible title shows as the title. */
    private final Map<String, Set<ArticleId>> titles = new ConcurrentHashMap<>();
    /**
     * The learned answers per article and {@link #answerKey (audience, query)}, also for articles not (yet)
     * known; guarded by {@link #lock}.
     */
    private final Map<ArticleId, Map<String, Answers>> answers = new HashMap<>();

    private int answerCount;
    private boolean changed;

    /** What suggestions need of an article; equal when nothing they show or filter on changed. */
    private record Titled(
            ArticleId id,
            String title,
            String key,
            ArticleState state,
            Audience audience,
            String author,
            boolean compounds,
            double weight) {
        static Titled of(Article article, CompletionAnalyzer analyzer) {
            return new Titled(
                    article.id(),
                    article.title(),
                    SuggestionText.key(SuggestionText.tokens(analyzer, CompletionAnalyzer.WORDS, article.title())),
                    article.state(),
                    article.audience(),
                    article.author(),
                    ArticleFields.learnsCompounds(ArticleDocuments.languageKey(article)),
                    Suggestions.weight(article.signals()));
        }

        boolean suggested() {
            return state != ArticleState.ARCHIVED;
        }

        boolean sameVisibility(Titled other) {
            return state == other.state && audience == other.audience && author.equals(other.author);
        }

        boolean visibleTo(Visibility visibility) {
            return visibility.permits(state, audience, author);
        }
    }

    /** How often one query, typed in one audience, led to one article. */
    private static final class Answers {
        final String query;
        final Locale language;
        final Audience audience;
        long count;
        Instant last;

        Answers(String query, Locale language, Audience audience, long count, Instant last) {
            this.query = query;
            this.language = language;
            this.audience = audience;
            this.count = count;
            this.last = last;
        }

        String key() {
            return answerKey(audience, query);
        }
    }

    private static String answerKey(Audience audience, String query) {
        return audience.name() + '\u0001' + query;
    }

    Suggestions(CompletionAnalyzer analyzer) {
        this(analyzer, VocabularyMatcher::empty);
    }

    /**
     * @param vocabulary the current synonyms and expansions over typed words (see {@link QueryVocabulary#completion})
     */
    Suggestions(CompletionAnalyzer analyzer, Supplier<VocabularyMatcher> vocabulary) {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
        this.directory = InMemoryDirectories.create();
        try {
            this.writer = new IndexWriter(
                    directory,
                    new IndexWriterConfig()
                            .setIndexSort(ORDER)
                            // Fewer flushes and merges when all titles are added at open: a title has about a
                            // hundred prefix terms.
                            .setRAMBufferSizeMB(64)
                            .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(4))
                            .setCommitOnClose(false)
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    var searcher = new IndexSearcher(reader);
                    // Lookups stop early in every segment; caching a filter would read all of it, a latency
                    // spike on the call that happens to cache.
                    searcher.setQueryCache(null);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new StorageException("Cannot create the in-memory suggestion index: " + e.getMessage(), e);
        }
    }

    /** The title weight: 1, plus the log of how often the article was reused, viewed and found helpful. */
    static double weight(Signals signals) {
        return 1 + Math.log1p((double) signals.reuseCount() + signals.viewCount() + signals.helpfulCount());
    }

    /** A query's weight for one article, on the same scale: an answer counts like a view. */
    static double weight(long answers) {
        return 1 + Math.log1p(answers);
    }

    // ---- Changes ---------------------------------------------------------------------------------------------

    /**
     * Starts replacing everything known about the articles: used when the engine reads every article (on open, on
     * a rebuild). {@link Reload#add Add} each article, then {@link Reload#finish finish} once the compound
     * vocabulary has learned them all, so that every title is split with the complete vocabulary. Answers are
     * kept. Holds only titles and visibility meanwhile, not the articles.
     */
    Reload reload() {
        return new Reload();
    }

    /** One replacement of all articles; used by one thread. */
    final class Reload {
        private final List<Titled> all = new ArrayList<>();

        private Reload() {}

        void add(Article article) {
            all.add(Titled.of(article, analyzer));
        }

        /** Replaces the titles with those added and makes them visible to lookups. */
        void finish() {
            replace(all);
        }
    }

    private void replace(List<Titled> all) {
        lock.lock();
        try {
            articles.clear();
            titles.clear();
            writer.deleteAll();
            var keys = new HashMap<String, Set<ArticleId>>();
            for (Titled titled : all) {
                articles.put(titled.id(), titled);
                if (titled.suggested()) {
                    keys.computeIfAbsent(titled.key(), k -> new HashSet<>()).add(titled.id());
                    for (Document document : documents(titled)) {
                        writer.addDocument(document);
                    }
                }
            }
            // Immutable sets, replaced on change: lookups read them without the lock.
            keys.forEach((key, ids) -> titles.put(key, Set.copyOf(ids)));
            // A lookup pays for every segment (a term lookup per typed word and grant), not for its size.
            writer.forceMerge(1);
            changed = true;
            refresh();
        } catch (IOException e) {
            throw new StorageException("Building the suggestions failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Applies an article's current state: its title, visibility or popularity may have changed. */
    void put(Article article) {
        Titled titled = Titled.of(article, analyzer);
        lock.lock();
        try {
            Titled old = articles.put(titled.id(), titled);
            if (titled.equals(old)) {
                return;
            }
            if (old != null && old.suggested()) {
                unlistTitle(old);
            }
            Term articleTerm = new Term(ARTICLE, titled.id().value());
            if (!titled.suggested()) {
                writer.deleteDocuments(articleTerm);
            } else {
                listTitle(titled);
                if (old == null || !old.suggested() || !titled.sameVisibility(old)) {
                    // The answers' documents carry the article's visibility: replace them all with the title. (Not
                    // as one updateDocuments block, which a sorted index refuses; lookups see the change only at
                    // the next refresh anyway, which this lock orders after it.)
                    writer.deleteDocuments(articleTerm);
                    for (Document document : documents(titled)) {
                        writer.addDocument(document);
                    }
                } else {
                    writer.updateDocument(new Term(UID, TITLE_UID + titled.id().value()), titleDocument(titled));
                }
            }
            changed = true;
        } catch (IOException e) {
            throw new StorageException("Updating the suggestions for " + article.id() + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a deleted article, its title and the answers it gave. */
    void remove(ArticleId id) {
        remove(id, true);
    }

    /**
     * Forgets an article that left this index but not the store (a partition that no longer admits it): its title,
     * and its answers until it comes back, as answers for an article not (yet) known are kept.
     */
    void leave(ArticleId id) {
        remove(id, false);
    }

    private void remove(ArticleId id, boolean forgetAnswers) {
        lock.lock();
        try {
            Titled old = articles.remove(id);
            if (old != null && old.suggested()) {
                unlistTitle(old);
            }
            Map<String, Answers> gone = forgetAnswers ? answers.remove(id) : null;
            if (gone != null) {
                answerCount -= gone.size();
            }
            writer.deleteDocuments(new Term(ARTICLE, id.value()));
            changed = true;
        } catch (IOException e) {
            throw new StorageException("Removing the suggestions for " + id + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Adds answered queries (counts add up) and makes them suggestible at once. */
    void learn(List<AnsweredQuery> answered) {
        lock.lock();
        try {
            for (AnsweredQuery answer : answered) {
                String query = EngineText.sanitize(answer.query());
                if (query.isEmpty()) {
                    continue;
                }
                Map<String, Answers> perQuery = answers.computeIfAbsent(answer.article(), id -> new HashMap<>());
                String key = answerKey(answer.audience(), query);
                Answers pair = perQuery.get(key);
                if (pair == null) {
                    pair = new Answers(
                            query, answer.language(), answer.audience(), answer.answers(), answer.lastAnswered());
                    perQuery.put(key, pair);
                    answerCount++;
                } else {
                    pair.count += answer.answers();
                    pair.last = answer.lastAnswered().isAfter(pair.last) ? answer.lastAnswered() : pair.last;
                }
                Titled article = articles.get(answer.article());
                if (article != null && article.suggested()) {
                    writer.updateDocument(new Term(UID, queryUid(article.id(), pair)), queryDocument(article, pair));
                    changed = true;
                }
            }
            if (answerCount > MAX_ANSWERS) {
                evict();
            }
            refresh();
        } catch (IOException e) {
            throw new StorageException("Learning answered queries for suggestions failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a learned query for every article and audience, and makes that visible at once: a host blocked it.
     * Compares {@linkplain SearchEvent#normalize normalised} forms.
     */
    void forget(String normalizedQuery) {
        lock.lock();
        try {
            var emptied = new ArrayList<ArticleId>();
            for (var perArticle : answers.entrySet()) {
                var it = perArticle.getValue().values().iterator();
                while (it.hasNext()) {
                    Answers pair = it.next();
                    if (SearchEvent.normalize(pair.query).equals(normalizedQuery)) {
                        it.remove();
                        answerCount--;
                        writer.deleteDocuments(new Term(UID, queryUid(perArticle.getKey(), pair)));
                        changed = true;
                    }
                }
                if (perArticle.getValue().isEmpty()) {
                    emptied.add(perArticle.getKey());
                }
            }
            emptied.forEach(answers::remove);
            refresh();
        } catch (IOException e) {
            throw new StorageException("Forgetting a learned query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Makes the changes so far visible to lookups; cheap when nothing changed. */
    void refresh() {
        lock.lock();
        try {
            if (changed) {
                searchers.maybeRefreshBlocking();
                changed = false;
            }
        } catch (IOException e) {
            throw new StorageException("Refreshing the suggestions failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the least answered (and, among equals, the least recently answered) tenth of the pairs. */
    private void evict() throws IOException {
        record Pair(ArticleId article, Answers answers) {}
        var all = new ArrayList<Pair>(answerCount);
        answers.forEach((article, perQuery) -> perQuery.values().forEach(a -> all.add(new Pair(article, a))));
        all.sort(Comparator.<Pair>comparingLong(p -> p.answers().count).thenComparing(p -> p.answers().last));
        int excess = answerCount - MAX_ANSWERS * 9 / 10;
        for (Pair pair : all.subList(0, excess)) {
            Map<String, Answers> perQuery = answers.get(pair.article());
            perQuery.remove(pair.answers().key());
            if (perQuery.isEmpty()) {
                answers.remove(pair.article());
            }
            writer.deleteDocuments(new Term(UID, queryUid(pair.article(), pair.answers())));
        }
        answerCount -= excess;
        changed = true;
    }

    private void listTitle(Titled titled) {
        titles.merge(titled.key(), Set.of(titled.id()), (a, b) -> {
            var union = new HashSet<>(a);
            union.addAll(b);
            return Set.copyOf(union);
        });
    }

    private void unlistTitle(Titled titled) {
        titles.computeIfPresent(titled.key(), (key, ids) -> {
            var rest = new HashSet<>(ids);
            rest.remove(titled.id());
            return rest.isEmpty() ? null : Set.copyOf(rest);
        });
    }

    // ---- Documents -------------------------------------------------------------------------------------------

    private List<Document> documents(Titled article) {
        var documents = new ArrayList<Document>();
        documents.add(titleDocument(article));
        for (Answers pair : answers.getOrDefault(article.id(), Map.of()).values()) {
            documents.add(queryDocument(article, pair));
        }
        return documents;
    }

    private Document titleDocument(Titled article) {
        String field = article.compounds() ? CompletionAnalyzer.COMPOUNDS : CompletionAnalyzer.WORDS;
        return document(
                TITLE_UID + article.id().value(), article, article.title(), field, article.weight(), TITLE_TYPED);
    }

    private Document queryDocument(Titled article, Answers pair) {
        // Queries are short and their language is often unknown: split compounds unless known to be of a language
        // that writes none.
        String language = pair.language.getLanguage();
        String field = language.isEmpty() || ArticleFields.learnsCompounds(language)
                ? CompletionAnalyzer.COMPOUNDS
                : CompletionAnalyzer.WORDS;
        return document(
                queryUid(article.id(), pair), article, pair.query, field, weight(pair.count), pair.audience.ordinal());
    }

    private static String queryUid(ArticleId article, Answers pair) {
        return QUERY_UID + article.value() + '\u0001' + pair.key();
    }

    /** @param typed the ordinal of the audience a learned query was typed in, or {@link #TITLE_TYPED} */
    private Document document(String uid, Titled article, String text, String field, double weight, long typed) {
        List<Token> tokens = SuggestionText.tokens(analyzer, field, text);
        var document = new Document();
        document.add(new StringField(UID, uid, Field.Store.NO));
        document.add(new SortedDocValuesField(UID, new BytesRef(uid)));
        document.add(new StringField(ARTICLE, article.id().value(), Field.Store.NO));
        document.add(new NumericDocValuesField(VISIBILITY, visibilityCode(article.state(), article.audience())));
        document.add(new BinaryDocValuesField(AUTHOR, new BytesRef(article.author())));
        int code = visibilityCode(article.state(), article.audience());
        String audience = typed == TITLE_TYPED ? "" : "@" + typed;
        document.add(new StringField(ACCESS, code + audience, Field.Store.NO));
        document.add(new StringField(ACCESS, code + "|" + article.author() + audience, Field.Store.NO));
        document.add(new NumericDocValuesField(TYPED, typed));
        for (String prefix : SuggestionText.prefixes(tokens)) {
            document.add(new StringField(PREFIX, prefix, Field.Store.NO));
        }
        for (String prefix : SuggestionText.firstWordPrefixes(tokens)) {
            document.add(new StringField(FIRST, prefix, Field.Store.NO));
        }
        document.add(new DoubleDocValuesField(WEIGHT, weight));
        document.add(new NumericDocValuesField(LENGTH, text.length()));
        String key = SuggestionText.key(tokens);
        document.add(new SortedDocValuesField(KEY, new BytesRef(key)));
        document.add(new BinaryDocValuesField(ENTRY, new BytesRef(key + '\u0000' + uid + '\u0000' + text)));
        return document;
    }

    // ---- Lookup ----------------------------------------------------------------------------------------------

    /**
     * Returns up to {@code limit} completions of {@code typed} that {@code visibility} allows, best first. When none
     * completes the words as typed, words typed without their umlauts are tried with them ("kund" completes
     * "Kündigung"): only then, so that "druck" never offers "drücken" where it completes words of its own, and only
     * among what the viewer may see, as every lookup here is.
     *
     * <p>When fewer than {@code limit} were found, the words as the vocabulary's synonyms and expansions rewrite them
     * ({@link VocabularyMatcher#rewrites}) fill the list, after the completions of the words as typed: "Beamer"
     * completes "Projektor zeigt kein Bild", "AP blinkt" "Access Point blinkt rot". The rewrites depend on the
     * vocabulary alone, and their lookups admit only what the viewer may see, so they reveal nothing either.
     */
    List<Suggestion> suggest(String typed, Visibility visibility, int limit) {
        List<String> words = SuggestionText.typedWords(analyzer, typed);
        Grants grants = Grants.of(visibility);
        if (words.isEmpty() || grants.none()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<Suggestion> found = suggest(searcher, words, grants, visibility, limit);
                for (List<String> variant : SuggestionText.umlautVariants(words)) {
                    if (!found.isEmpty()) {
                        break;
                    }
                    found = suggest(searcher, variant, grants, visibility, limit);
                }
                if (found.size() < limit) {
                    found = withRewrites(searcher, words, grants, visibility, limit, found);
                }
                return found;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageException("Reading the suggestion index failed: " + e.getMessage(), e);
        }
    }

    /** {@code found}, then the completions of the vocabulary's rewrites of {@code words} not among them. */
    private List<Suggestion> withRewrites(
            IndexSearcher searcher,
            List<String> words,
            Grants grants,
            Visibility visibility,
            int limit,
            List<Suggestion> found)
            throws IOException {
        List<List<String>> rewrites = vocabulary.get().rewrites(words, MAX_REWRITES);
        if (rewrites.isEmpty()) {
            return found;
        }
        var all = new ArrayList<>(found);
        var shown = new HashSet<String>();
        found.forEach(suggestion -> shown.add(shownKey(suggestion)));
        for (List<String> rewrite : rewrites) {
            List<String> cut = rewrite.stream().map(SuggestionText::prefixTerm).toList();
            for (Suggestion suggestion : suggest(searcher, cut, grants, visibility, limit)) {
                if (all.size() < limit && shown.add(shownKey(suggestion))) {
                    all.add(suggestion);
                }
            }
            if (all.size() >= limit) {
                break;
            }
        }
        return all;
    }

    /** What makes two suggestions the same for the list, as for the lookups' keys: the text in normal form. */
    private String shownKey(Suggestion suggestion) {
        return SuggestionText.key(SuggestionText.tokens(analyzer, CompletionAnalyzer.WORDS, suggestion.text()));
    }

    private List<Suggestion> suggest(
            IndexSearcher searcher, List<String> words, Grants grants, Visibility visibility, int limit)
            throws IOException {
        // Both passes look up the same terms: look each up once (TermStates load per segment, lazily).
        var startsWith = new BooleanQuery.Builder();
        var within = new BooleanQuery.Builder();
        for (String word : new LinkedHashSet<>(words)) {
            Query prefix = term(searcher, PREFIX, word);
            startsWith.add(prefix, Occur.FILTER);
            within.add(prefix, Occur.FILTER);
        }
        List<String> access = grants.terms();
        if (access.size() <= MAX_ACCESS_TERMS) {
            var visible = new BooleanQuery.Builder();
            for (String term : access) {
                visible.add(term(searcher, ACCESS, term), Occur.SHOULD);
            }
            Query filter = visible.build();
            startsWith.add(filter, Occur.FILTER);
            within.add(filter, Occur.FILTER);
        }
        Query firstWord = term(searcher, FIRST, words.getFirst());
        startsWith.add(firstWord, Occur.FILTER);
        within.add(firstWord, Occur.MUST_NOT);
        Map<String, Entry> picked = new LinkedHashMap<>();
        collect(searcher, startsWith.build(), grants, limit, picked);
        collect(searcher, within.build(), grants, limit, picked);
        return suggestions(picked.values(), words, visibility);
    }

    private static TermQuery term(IndexSearcher searcher, String field, String text) throws IOException {
        var term = new Term(field, text);
        return new TermQuery(term, TermStates.build(searcher, term, false));
    }

    /** The code of a (state, audience) combination: a bit position below 64. */
    private static int visibilityCode(ArticleState state, Audience audience) {
        return state.ordinal() * Audience.values().length + audience.ordinal();
    }

    /**
     * A viewer's grants as bit sets over {@link #visibilityCode visibility codes}: those open to the viewer, and
     * those open only for articles the viewer wrote. The rule of the search filter (state and audience, and the
     * viewer as author for own-only grants), checked per document from doc values while matching, before a
     * document can become a candidate: it costs a bit test per match, where a term filter per grant costs a term
     * lookup per grant and segment (nine for an agent) on every keystroke. Viewers with few grants get the term
     * filter as well (see {@link #MAX_ACCESS_TERMS}); the check here decides either way.
     */
    private record Grants(long open, long ownOnly, BytesRef viewer, long audience) {
        static Grants of(Visibility visibility) {
            long open = 0;
            long ownOnly = 0;
            for (Visibility.Grant grant : visibility.grants()) {
                long bit = 1L << visibilityCode(grant.state(), grant.audience());
                if (grant.ownOnly()) {
                    ownOnly |= bit;
                } else {
                    open |= bit;
                }
            }
            return new Grants(
                    open,
                    ownOnly & ~open,
                    new BytesRef(visibility.authorId()),
                    visibility.viewer().audience().ordinal());
        }

        boolean none() {
            return open == 0 && ownOnly == 0;
        }

        /** The {@link #ACCESS} terms of the documents these grants allow. */
        List<String> terms() {
            var terms = new ArrayList<String>();
            for (int code = 0; code < Long.SIZE; code++) {
                String term = null;
                if ((open & 1L << code) != 0) {
                    term = Integer.toString(code);
                } else if ((ownOnly & 1L << code) != 0) {
                    term = code + "|" + viewer.utf8ToString();
                }
                if (term != null) {
                    terms.add(term);
                    terms.add(term + "@" + audience);
                }
            }
            return terms;
        }
    }

    /**
     * Adds the visible matches of {@code query} in rank order, skipping keys already picked, until {@code limit}
     * are picked, the query has no more, or {@value #MAX_DUPLICATES_READ} more than {@code limit} were read.
     *
     * <p>A specialised loop instead of {@code IndexSearcher.search} with a sorted collector: each segment is sorted
     * in rank order (the index sort), so its matches come out of the query's iterator best first, and merging the
     * segments' iterators reads only as many matches as are shown (plus duplicates). The collector reached the
     * same early termination, but it bulk-scored windows of thousands of documents per segment and copied sort
     * values of every competitive hit through compressed term dictionaries: profiled at 10,000 articles, it took
     * 80% of a lookup.
     */
    private static void collect(
            IndexSearcher searcher, Query query, Grants grants, int limit, Map<String, Entry> picked)
            throws IOException {
        if (picked.size() >= limit) {
            return;
        }
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        var heads = new PriorityQueue<Matches>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            if (supplier != null) {
                var matches = new Matches(leaf, supplier.get(limit).iterator(), grants);
                if (matches.next()) {
                    heads.add(matches);
                }
            }
        }
        int budget = limit + MAX_DUPLICATES_READ;
        while (picked.size() < limit && budget-- > 0 && !heads.isEmpty()) {
            Matches best = heads.poll();
            Entry entry = best.entry();
            picked.putIfAbsent(entry.key(), entry);
            if (best.next()) {
                heads.add(best);
            }
        }
    }

    /** What a lookup reads of one match. */
    private record Entry(String key, String uid, String text, double weight) {}

    /**
     * The matches of one segment, in the segment's (rank) order; ordered by their current match in rank order,
     * with the same comparison as the index sort, so that merging segments keeps the rank order.
     */
    private static final class Matches implements Comparable<Matches> {
        private final DocIdSetIterator docs;
        private final Bits live;
        private final Grants grants;
        private final NumericDocValues visibilities;
        private final BinaryDocValues authors;
        private final NumericDocValues typed;
        private final NumericDocValues weights;
        private final NumericDocValues lengths;
        private final BinaryDocValues entries;
        private final BytesRefBuilder entry = new BytesRefBuilder();
        private double weight;
        private long length;
        private int keyEnd;
        private int uidEnd;

        Matches(LeafReaderContext leaf, DocIdSetIterator docs, Grants grants) throws IOException {
            this.docs = docs;
            this.live = leaf.reader().getLiveDocs();
            this.grants = grants;
            this.visibilities = DocValues.getNumeric(leaf.reader(), VISIBILITY);
            this.authors = DocValues.getBinary(leaf.reader(), AUTHOR);
            this.typed = DocValues.getNumeric(leaf.reader(), TYPED);
            this.weights = DocValues.getNumeric(leaf.reader(), WEIGHT);
            this.lengths = DocValues.getNumeric(leaf.reader(), LENGTH);
            this.entries = DocValues.getBinary(leaf.reader(), ENTRY);
        }

        /** Moves to the next live match the viewer may see; false when there is none. */
        boolean next() throws IOException {
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live != null && !live.get(doc) || !visible(doc)) {
                    continue;
                }
                if (!weights.advanceExact(doc) || !lengths.advanceExact(doc) || !entries.advanceExact(doc)) {
                    throw new IllegalStateException("Suggestion document " + doc + " lacks its rank values");
                }
                weight = Double.longBitsToDouble(weights.longValue());
                length = lengths.longValue();
                entry.copyBytes(entries.binaryValue());
                keyEnd = indexOfNul(0);
                uidEnd = indexOfNul(keyEnd + 1);
                return true;
            }
            return false;
        }

        private boolean visible(int doc) throws IOException {
            if (!visibilities.advanceExact(doc) || !typed.advanceExact(doc)) {
                return false;
            }
            // A learned query only for viewers of the audience it was typed in.
            long audience = typed.longValue();
            if (audience != TITLE_TYPED && audience != grants.audience()) {
                return false;
            }
            long bit = 1L << visibilities.longValue();
            if ((grants.open() & bit) != 0) {
                return true;
            }
            return (grants.ownOnly() & bit) != 0
                    && authors.advanceExact(doc)
                    && authors.binaryValue().bytesEquals(grants.viewer());
        }

        private int indexOfNul(int from) {
            byte[] bytes = entry.bytes();
            for (int i = from; i < entry.length(); i++) {
                if (bytes[i] == 0) {
                    return i;
                }
            }
            throw new IllegalStateException("Malformed suggestion entry");
        }

        Entry entry() {
            byte[] bytes = entry.bytes();
            return new Entry(
                    new String(bytes, 0, keyEnd, StandardCharsets.UTF_8),
                    new String(bytes, keyEnd + 1, uidEnd - keyEnd - 1, StandardCharsets.UTF_8),
                    new String(bytes, uidEnd + 1, entry.length() - uidEnd - 1, StandardCharsets.UTF_8),
                    weight);
        }

        @Override
        public int compareTo(Matches other) {
            int order = Double.compare(other.weight, weight);
            if (order == 0) {
                order = Long.compare(length, other.length);
            }
            if (order == 0) {
                order = Arrays.compareUnsigned(entry.bytes(), 0, keyEnd, other.entry.bytes(), 0, other.keyEnd);
            }
            if (order == 0) {
                order = Arrays.compareUnsigned(
                        entry.bytes(), keyEnd + 1, uidEnd, other.entry.bytes(), other.keyEnd + 1, other.uidEnd);
            }
            return order;
        }
    }

    private List<Suggestion> suggestions(Iterable<Entry> ranked, List<String> words, Visibility visibility) {
        var result = new ArrayList<Suggestion>();
        for (Entry entry : ranked) {
            String text = entry.text();
            Optional<ArticleId> article = Optional.empty();
            double weight = entry.weight();
            if (entry.uid().startsWith(TITLE_UID)) {
                article = Optional.of(ArticleId.of(entry.uid().substring(TITLE_UID.length())));
            } else {
                // A query that reads like a title the viewer may see is shown once, as that title.
                Optional<Titled> title = visibleTitle(entry.key(), visibility);
                if (title.isPresent()) {
                    article = Optional.of(title.get().id());
                    text = title.get().title();
                    weight = Math.max(weight, title.get().weight());
                }
            }
            List<Token> tokens = SuggestionText.tokens(analyzer, CompletionAnalyzer.COMPOUNDS, text);
            result.add(new Suggestion(
                    text,
                    SuggestionText.highlight(text, tokens, words),
                    article.isPresent() ? Suggestion.Kind.TITLE : Suggestion.Kind.QUERY,
                    article,
                    weight));
        }
        return result;
    }

    /** The most popular visible article titled {@code key}, the lowest id among equals. */
    private Optional<Titled> visibleTitle(String key, Visibility visibility) {
        Titled best = null;
        for (ArticleId id : titles.getOrDefault(key, Set.of())) {
            Titled titled = articles.get(id);
            if (titled != null
                    && titled.suggested()
                    && titled.visibleTo(visibility)
                    && (best == null
                            || titled.weight() > best.weight()
                            || titled.weight() == best.weight()
                                    && titled.id().value().compareTo(best.id().value()) < 0)) {
                best = titled;
            }
        }
        return Optional.ofNullable(best);
    }

    /** For tests: the number of documents lookups see. */
    int documentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new StorageException("Closing the suggestion index failed", e);
        } finally {
            lock.unlock();
        }
    }
}
