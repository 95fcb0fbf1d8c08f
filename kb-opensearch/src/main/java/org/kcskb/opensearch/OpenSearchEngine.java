package org.kcskb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.StorageException;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.article.Languages;
import org.kcskb.index.analysis.GermanNormalForm;
import org.kcskb.index.analysis.QueryLanguageVote;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.FacetCount;
import org.kcskb.search.QueryCacheStats;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.search.spi.ChangeFeedFollower;
import org.kcskb.search.spi.ContextBoost;
import org.kcskb.search.spi.EngineText;
import org.kcskb.search.spi.KcsPrior;
import org.kcskb.search.spi.PublicPartition;
import org.kcskb.search.spi.SearchEngine;
import org.kcskb.search.spi.SearchEngineContext;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The search engine on an OpenSearch cluster: see {@link OpenSearchEngineProvider}. Thread-safe.
 *
 * <p>Every search is one request to the cluster, with the viewer's visibility as a filter inside the query, so
 * that hits, totals, facets, snippets and suggestions only ever reflect articles the viewer may see; the anonymous
 * public is answered from an index of its own ({@code PREFIX-public}), so that not even scores depend on anything
 * else. Searches of one engine prefer one copy of each shard ({@code preference}), so that paging stays in one
 * total order.
 */
final class OpenSearchEngine implements SearchEngine {
    static final int TOTAL_HITS_THRESHOLD = 1_000;

    private static final int MAX_WORDS = 32;
    /** How often a search is asked when a node holding its shard copies left the cluster (see search). */
    private static final int SEARCH_ATTEMPTS = 4;

    private static final int MAX_PHRASES = 12;
    private static final float EXACT_BOOST = 0.5f;
    private static final float PHRASE_BOOST = 0.1f;
    private static final float PREFIX_BOOST = 0.6f;
    /**
     * The weight of the languages other than the query's, as in the embedded engine (its {@code QueryCompiler}): an
     * issue documented only in the other language is still found, below the query language's version of an issue.
     */
    private static final float CROSS_LANGUAGE_WEIGHT = 0.7f;

    private static final int FACET_VALUES = 20;
    private static final int FRAGMENT = 150;
    private static final int SIMILAR_CANDIDATES = 20;
    private static final int SUGGEST_CANDIDATES = 200;
    /** At most this many rewrites of the typed words by the vocabulary are looked up for suggestions. */
    private static final int SUGGEST_REWRITES = 8;

    private static final Pattern MARKED = Pattern.compile("<mark>(.*?)</mark>");
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> SOURCE_FIELDS = Set.of(
            IndexSchema.ID,
            IndexSchema.REVISION,
            IndexSchema.TITLE,
            IndexSchema.STATE,
            IndexSchema.AUDIENCE,
            IndexSchema.LANGUAGE,
            IndexSchema.MODIFIED,
            IndexSchema.TRANSLATION_GROUP);

    /** An index and the follower that keeps it in step with the store. */
    private record Tier(
            OpenSearchIndexWriter writer,
            ChangeFeedFollower follower,
            GermanAnalysis german,
            OpenSearchVocabulary vocabulary) {
        String alias() {
            return writer.alias();
        }
    }

    private final OpenSearchEngineProvider provider;
    private final Cluster cluster;
    private final Clock clock;
    private final Tier all;
    private final Tier open;
    private final PublicPartition publicPartition;
    private final LearnedQueries learned = new LearnedQueries();
    private final String preference;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenSearchEngine(OpenSearchEngineProvider config, SearchEngineContext context, Cluster cluster) {
        this.clock = context.clock();
        this.provider = config;
        this.cluster = cluster;
        String base = config.indexBase(context.store().storeId());
        this.description = "the OpenSearch indices " + base + "-* at " + config.urls();
        this.preference = "kcskb-" + Long.toHexString(System.nanoTime());
        this.publicPartition = PublicPartition.of(context.visibilityPolicy());
        Tier main = null;
        try {
            main = tier(config, context, base + "-all", article -> true);
            this.all = main;
            this.open =
                    publicPartition.exists() ? tier(config, context, base + "-public", publicPartition::admits) : null;
        } catch (RuntimeException e) {
            if (main != null) {
                main.follower().close();
                main.german().close();
                main.vocabulary().close();
            }
            config.release(cluster);
            throw e;
        }
    }

    private Tier tier(
            OpenSearchEngineProvider config,
            SearchEngineContext context,
            String alias,
            java.util.function.Predicate<org.kcskb.article.Article> admits) {
        String what = "the OpenSearch index " + alias;
        var german = new GermanAnalysis();
        var writer = new OpenSearchIndexWriter(cluster, alias, what, config.shards(), config.replicas(), german);
        try {
            ChangeFeedFollower follower = ChangeFeedFollower.builder(context.store(), writer, context.scheduler())
                    .description(what)
                    .admits(admits)
                    .refreshInterval(context.refreshInterval())
                    .open();
            return new Tier(writer, follower, german, new OpenSearchVocabulary(context.baseVocabulary(), german));
        } catch (RuntimeException e) {
            german.close();
            throw e;
        }
    }

    private List<Tier> tiers() {
        return open == null ? List.of(all) : List.of(all, open);
    }

    private Tier tier(Visibility visibility) {
        return open != null && publicPartition.answers(visibility) ? open : all;
    }

    // ---- Search ----------------------------------------------------------------------------------------------

    @Override
    public SearchResult search(SearchRequest request, Visibility visibility) {
        ensureOpen();
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(visibility, "visibility");
        String text = EngineText.sanitize(request.text());
        List<String> words = words(text);
        if (words.isEmpty()) {
            return SearchResult.empty();
        }
        Optional<PageCursor> cursor = request.after().map(PageCursor::decode);
        Tier tier = tier(visibility);
        // Every language is searched; the query's own at full weight (see preferredKeys): the requested one, else
        // the one its words are written in (see queryLanguage).
        List<String> keys = IndexSchema.LANGUAGE_KEYS;
        Locale language = queryLanguage(tier, request.language(), words, visibility);
        Set<String> preferred = preferredKeys(language);
        ObjectNode filter = filter(request, visibility);
        OpenSearchVocabulary.Compiled vocabulary =
                tier.vocabulary().current(tier.writer().vocabulary());
        String queryLanguage = OpenSearchVocabulary.queryLanguage(language);
        Map<String, String> pins = pins(tier, request, filter, vocabulary, queryLanguage);
        var notes = new LinkedHashSet<String>();
        ObjectNode textQuery = context(
                collapsed(
                        tier,
                        f -> textQuery(tier, words, keys, preferred, f, vocabulary, queryLanguage, notes),
                        filter,
                        request,
                        language),
                request);
        ObjectNode body = page(request, cursor, pinned(textQuery, pins, filter), highlight(words, keys, false, false));
        JsonNode reply = search(tier, body);
        SearchResult result = withTranslations(
                tier,
                reply,
                marked(result(reply, request, cursor), pins, request.explain() ? List.copyOf(notes) : List.of()),
                visibility);
        if (result.totalHits() > 0) {
            return result;
        }
        // Nothing for the words as typed: relaxed, on every page alike (the decision rests on the total, not on the
        // page), so that offsets and cursors page through the relaxed results. First the same search with each word
        // allowed a typo or two, and the words the hits hold in their place as what was meant. The visibility filter
        // is part of it: a correction comes only from what the viewer may see.
        ObjectNode fuzzyBody = page(
                request,
                cursor,
                context(collapsed(tier, f -> fuzzyQuery(words, f), filter, request, language), request),
                highlight(words, keys, true, true));
        JsonNode fuzzyReply = search(tier, fuzzyBody);
        SearchResult fuzzy = withTranslations(tier, fuzzyReply, result(fuzzyReply, request, cursor), visibility);
        if (fuzzy.totalHits() > 0) {
            Optional<String> corrected = correction(words, fuzzyReply);
            // Without a correction read from the page's marks (a later page, say), the words as typed stand for it.
            String shown = corrected.orElse(plain(words).toLowerCase(Locale.ROOT));
            SearchResult relaxed = fuzzy.withRelaxation(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, shown));
            return corrected.map(relaxed::withDidYouMean).orElse(relaxed);
        }
        // Then without the words that no visible article holds, stopwords kept. When every word is held, the query
        // is of stopwords alone (the search analysis dropped them all), which the embedded engine searches as typed:
        // so does this, and it is no relaxation.
        List<String> known = knownWords(tier, words, visibility);
        if (known.isEmpty()) {
            return result;
        }
        ObjectNode knownBody = page(
                request,
                cursor,
                context(collapsed(tier, f -> writtenQuery(known, f), filter, request, language), request),
                highlight(known, keys, false, false));
        JsonNode knownReply = search(tier, knownBody);
        SearchResult remaining = withTranslations(tier, knownReply, result(knownReply, request, cursor), visibility);
        if (remaining.totalHits() == 0) {
            return result;
        }
        return known.size() == words.size()
                ? remaining
                : remaining.withRelaxation(new Relaxation(Relaxation.Kind.DROPPED_UNKNOWN_WORDS, plain(known)));
    }

    /**
     * The most matching articles with translations that {@link #collapsed} reads; beyond them (a query that matches
     * more than this many translated articles) translations ranked lower are not collapsed.
     */
    static final int MAX_COLLAPSE_CANDIDATES = 1000;

    /**
     * Returns the query {@code query} builds with the request's filter, less the matching articles that a matching
     * translation in the preferred language (the query's, {@code language}; without one, the better-scoring
     * translation, then the smaller id) stands for: an issue matched in several languages is shown, counted and faceted once. The
     * candidates are read with the same filter, visibility included, so an article the viewer may not see never
     * hides one they may. One request more per search; it finds nothing quickly in an index without translations.
     */
    private ObjectNode collapsed(
            Tier tier,
            java.util.function.Function<ObjectNode, ObjectNode> query,
            ObjectNode filter,
            SearchRequest request,
            Locale language) {
        if (!hasTranslations(tier)) {
            return query.apply(filter);
        }
        ObjectNode grouped = Cluster.object();
        ArrayNode both = grouped.putObject("bool").putArray("filter");
        both.add(filter);
        both.addObject().putObject("exists").put("field", IndexSchema.TRANSLATION_GROUP);
        ObjectNode body = Cluster.object();
        body.put("size", MAX_COLLAPSE_CANDIDATES);
        body.put("track_total_hits", false);
        body.set("query", query.apply(grouped));
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put(IndexSchema.ID, "asc");
        body.putArray("_source").add(IndexSchema.ID).add(IndexSchema.LANGUAGE).add(IndexSchema.TRANSLATION_GROUP);
        String wanted = language.getLanguage();
        // Best first: a candidate in the preferred language, then the order of the reply (score, then id).
        var best = new LinkedHashMap<String, JsonNode>();
        var matches = new ArrayList<JsonNode>();
        for (JsonNode hit : search(tier, body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            matches.add(source);
            String group = source.path(IndexSchema.TRANSLATION_GROUP).asText();
            JsonNode current = best.get(group);
            boolean preferred = !wanted.isEmpty()
                    && Languages.parse(source.path(IndexSchema.LANGUAGE).asText(""))
                            .getLanguage()
                            .equals(wanted);
            boolean currentPreferred = current != null
                    && !wanted.isEmpty()
                    && Languages.parse(current.path(IndexSchema.LANGUAGE).asText(""))
                            .getLanguage()
                            .equals(wanted);
            if (current == null || (preferred && !currentPreferred)) {
                best.put(group, source);
            }
        }
        var hidden = new ArrayList<String>();
        for (JsonNode source : matches) {
            if (best.get(source.path(IndexSchema.TRANSLATION_GROUP).asText()) != source) {
                hidden.add(source.path(IndexSchema.ID).asText());
            }
        }
        if (hidden.isEmpty()) {
            return query.apply(filter);
        }
        ObjectNode without = Cluster.object();
        ObjectNode bool = without.putObject("bool");
        bool.putArray("filter").add(filter);
        ArrayNode ids = bool.putArray("must_not").addObject().putObject("terms").putArray(IndexSchema.ID);
        hidden.forEach(ids::add);
        return query.apply(without);
    }

    /**
     * Whether the tier's writer was given any article with translations: only then does a search ask which
     * translations to leave out, so that a knowledge base without translations pays no request for them.
     */
    private static boolean hasTranslations(Tier tier) {
        return tier.writer().sawTranslations();
    }

    /**
     * Returns {@code result} with the translations the viewer may see on each hit, read in one request for the page
     * ({@code reply} is the search's, whose hits name their translation groups).
     */
    private SearchResult withTranslations(Tier tier, JsonNode reply, SearchResult result, Visibility visibility) {
        var groupOf = new LinkedHashMap<String, String>();
        for (JsonNode hit : reply.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            if (source.hasNonNull(IndexSchema.TRANSLATION_GROUP)) {
                groupOf.put(
                        source.path(IndexSchema.ID).asText(),
                        source.path(IndexSchema.TRANSLATION_GROUP).asText());
            }
        }
        if (groupOf.isEmpty()) {
            return result;
        }
        var groups = new LinkedHashSet<>(groupOf.values());
        ObjectNode body = Cluster.object();
        // A group holds one article per language: 64 a group is beyond any knowledge base, within the result window.
        body.put("size", Math.min(10_000, groups.size() * 64));
        body.put("track_total_hits", false);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        ArrayNode terms = filter.addObject().putObject("terms").putArray(IndexSchema.TRANSLATION_GROUP);
        groups.forEach(terms::add);
        filter.add(visibility(visibility));
        body.putArray("sort").addObject().put(IndexSchema.ID, "asc");
        body.putArray("_source").add(IndexSchema.ID).add(IndexSchema.LANGUAGE).add(IndexSchema.TRANSLATION_GROUP);
        var members = new LinkedHashMap<String, Map<Locale, ArticleId>>();
        for (JsonNode hit : search(tier, body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            members.computeIfAbsent(source.path(IndexSchema.TRANSLATION_GROUP).asText(), g -> new LinkedHashMap<>())
                    .putIfAbsent(
                            Languages.parse(source.path(IndexSchema.LANGUAGE).asText("")),
                            ArticleId.of(source.path(IndexSchema.ID).asText()));
        }
        var hits = new ArrayList<SearchHit>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            String group = groupOf.get(hit.id().value());
            var translations = new LinkedHashMap<>(group == null ? Map.of() : members.getOrDefault(group, Map.of()));
            translations.values().remove(hit.id());
            hits.add(translations.isEmpty() ? hit : hit.withTranslations(translations));
        }
        return result.withHits(hits);
    }

    /**
     * The words of the query that some article the viewer may see holds as written (stopwords included), in query
     * order: one request that counts, per word, the visible articles whose {@link IndexSchema#EXACT} field holds it.
     * Only the visibility filter limits the count (not the request's own filters), as in the embedded engine.
     */
    private List<String> knownWords(Tier tier, List<String> words, Visibility visibility) {
        ObjectNode body = Cluster.object();
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.putObject("query").putObject("bool").putArray("filter").add(visibility(visibility));
        ObjectNode aggs = body.putObject("aggs");
        for (int i = 0; i < words.size(); i++) {
            aggs.putObject("w" + i).putObject("filter").set("match", writtenMatch(words.get(i)));
        }
        JsonNode counts = search(tier, body).path("aggregations");
        var known = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            if (counts.path("w" + i).path("doc_count").asLong() > 0) {
                known.add(words.get(i));
            }
        }
        return known;
    }

    /**
     * A match on the written word forms with the index's own analysis ({@code kb_exact}), which keeps stopwords
     * where the search analysis drops them.
     */
    private static ObjectNode writtenMatch(String text) {
        ObjectNode match = Cluster.object();
        match.putObject(IndexSchema.EXACT).put("query", text).put("analyzer", "kb_exact");
        return match;
    }

    /** Any of the words as written, stopwords included; filtered, times the prior. */
    private ObjectNode writtenQuery(List<String> words, ObjectNode filter) {
        ObjectNode bool = Cluster.object();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("must").addObject().set("match", writtenMatch(plain(words)));
        inner.putArray("filter").add(filter);
        return prior(bool);
    }

    private JsonNode search(Tier tier, ObjectNode body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return cluster.call("POST", "/" + tier.alias() + "/_search?preference=" + preference, body);
            } catch (StorageException e) {
                // A node leaving the cluster fails the searches its shard copies were answering until the cluster
                // state moves them to the remaining copies, a moment later; a search is only a read, so it is asked
                // again, a few times within about a second, before the failure reaches the caller.
                if (attempt == SEARCH_ATTEMPTS || !Cluster.shardCopyLost(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The query's words, the first {@value #MAX_WORDS} distinct ones: what bounds the cost of any query text. */
    private static List<String> words(String text) {
        var words = new LinkedHashSet<String>();
        Matcher m = WORDS.matcher(text);
        while (m.find() && words.size() < MAX_WORDS) {
            words.add(m.group());
        }
        return List.copyOf(words);
    }

    private static List<String> languageKeys(Locale language) {
        return language.equals(Locale.ROOT) ? IndexSchema.LANGUAGE_KEYS : List.of(IndexSchema.languageKey(language));
    }

    /**
     * The query's language: the requested one, else the registered language whose visible articles hold the most of
     * its words as written ({@link QueryLanguageVote}, as the embedded engine votes), else {@link Locale#ROOT} (a tie:
     * every language). One request with an aggregation per word and language, only when the request names none; the
     * visibility filter keeps words of articles the viewer may not see out of the vote.
     */
    private Locale queryLanguage(Tier tier, Locale requested, List<String> words, Visibility visibility) {
        if (!requested.equals(Locale.ROOT)) {
            return requested;
        }
        ObjectNode body = Cluster.object();
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.putObject("query").putObject("bool").putArray("filter").add(visibility(visibility));
        ObjectNode aggs = body.putObject("aggs");
        for (IndexSchema.LanguageChains language : IndexSchema.LANGUAGES) {
            for (int i = 0; i < words.size(); i++) {
                ArrayNode both = aggs.putObject(language.key() + "_" + i)
                        .putObject("filter")
                        .putObject("bool")
                        .putArray("filter");
                both.addObject().set("match", writtenMatch(words.get(i)));
                // Every article has a title: its language's title field exists exactly for the language's articles.
                both.addObject().putObject("exists").put("field", IndexSchema.field("title", language.key()));
            }
        }
        JsonNode counts = search(tier, body).path("aggregations");
        var known = new LinkedHashMap<String, Integer>();
        for (IndexSchema.LanguageChains language : IndexSchema.LANGUAGES) {
            int held = 0;
            for (int i = 0; i < words.size(); i++) {
                if (counts.path(language.key() + "_" + i).path("doc_count").asLong() > 0) {
                    held++;
                }
            }
            known.put(language.key(), held);
        }
        return QueryLanguageVote.winner(known).map(Locale::forLanguageTag).orElse(Locale.ROOT);
    }

    /**
     * The language keys a search weighs fully: the query's language and the language-neutral block, or every
     * language when the request names none. The other languages are searched too, at {@link #CROSS_LANGUAGE_WEIGHT},
     * so that a German query finds the German version of an issue first and still finds an issue documented only in
     * English (through product names, error codes and the words both languages share).
     */
    private static Set<String> preferredKeys(Locale language) {
        return language.equals(Locale.ROOT)
                ? Set.copyOf(IndexSchema.LANGUAGE_KEYS)
                // A copy, not Set.of: the query's language may be the neutral block itself (French, say).
                : Set.copyOf(List.of(IndexSchema.languageKey(language), IndexSchema.languageKey(Locale.ROOT)));
    }

    /** The text of the query the engine sends: the query's words only, never its syntax. */
    private static String plain(List<String> words) {
        return String.join(" ", words);
    }

    /**
     * BM25F over each language's text fields (the embedded engine's weights), a bonus for the exact word forms and
     * for neighbouring words as phrases, filtered, and times the KCS prior.
     */
    private ObjectNode textQuery(
            Tier tier, List<String> words, List<String> keys, Set<String> preferred, ObjectNode filter) {
        String query = plain(words);
        ObjectNode bool = Cluster.object();
        ObjectNode inner = bool.putObject("bool");
        ArrayNode languages =
                inner.putArray("must").addObject().putObject("bool").putArray("should");
        ArrayNode should = inner.putArray("should");
        for (String key : keys) {
            float weight = preferred.contains(key) ? 1f : CROSS_LANGUAGE_WEIGHT;
            if (key.equals("de")) {
                // The library's German terms: words must match, prefixes of long words only add to a match.
                GermanAnalysis.QueryTerms terms = tier.german().query(query);
                if (!terms.words().isEmpty()) {
                    languages.add(germanTerms(terms.words(), weight));
                }
                if (!terms.prefixes().isEmpty()) {
                    should.add(germanTerms(terms.prefixes(), PREFIX_BOOST * weight));
                }
                continue;
            }
            ObjectNode combined = languages.addObject().putObject("combined_fields");
            combined.put("query", query).put("operator", "or").put("boost", weight);
            ArrayNode fields = combined.putArray("fields");
            for (String base : IndexSchema.TEXT_FIELDS) {
                fields.add(IndexSchema.weighted(base, key));
            }
        }
        should.addObject()
                .putObject("match")
                .putObject(IndexSchema.EXACT)
                .put("query", query)
                .put("boost", EXACT_BOOST);
        for (int i = 0; i + 1 < words.size() && i < MAX_PHRASES; i++) {
            String pair = words.get(i) + " " + words.get(i + 1);
            for (String key : keys) {
                float weight = preferred.contains(key) ? 1f : CROSS_LANGUAGE_WEIGHT;
                for (String base : List.of("title", "issue", "resolution")) {
                    should.addObject()
                            .putObject("match_phrase")
                            .putObject(IndexSchema.field(base, key))
                            .put("query", pair)
                            .put("boost", PHRASE_BOOST * weight);
                }
            }
        }
        inner.putArray("filter").add(filter);
        return prior(bool);
    }

    /**
     * The weight of a synonym or expansion relative to the words as typed, as in the embedded engine (its
     * {@code QueryCompiler.SYNONYM_WEIGHT}).
     */
    private static final float SYNONYM_WEIGHT = 0.8f;

    /** The most alternatives a query's words expand to, per language block. */
    private static final int MAX_ALTERNATIVES = 16;

    /** The text query with the vocabulary's synonyms and expansions added to each language block's disjunction. */
    private ObjectNode textQuery(
            Tier tier,
            List<String> words,
            List<String> keys,
            Set<String> preferred,
            ObjectNode filter,
            OpenSearchVocabulary.Compiled vocabulary,
            String queryLanguage,
            Set<String> notes) {
        ObjectNode query = textQuery(tier, words, keys, preferred, filter);
        // function_score(function_score(bool{must: [bool{should: languages}], should, filter})).
        ArrayNode languages = (ArrayNode) query.path("function_score")
                .path("query")
                .path("function_score")
                .path("query")
                .path("bool")
                .path("must")
                .path(0)
                .path("bool")
                .path("should");
        String text = plain(words);
        for (String key : keys) {
            VocabularyMatcher matcher = vocabulary.matcher(queryLanguage, key);
            if (matcher.isEmpty()) {
                continue;
            }
            float weight = (preferred.contains(key) ? 1f : CROSS_LANGUAGE_WEIGHT) * SYNONYM_WEIGHT;
            List<String> queryWords = tier.vocabulary().words(key).apply(text);
            // A single word the query already has is searched already.
            var seen = new HashSet<List<String>>();
            queryWords.forEach(word -> seen.add(List.of(word)));
            var added = new HashSet<List<String>>();
            for (VocabularyMatcher.Match match : matcher.matches(queryWords)) {
                for (VocabularyMatcher.Alternative alternative : match.alternatives()) {
                    if (seen.contains(alternative.words())
                            || added.size() >= MAX_ALTERNATIVES
                            || !added.add(alternative.words())) {
                        continue;
                    }
                    notes.add(alternative.kind() + " '" + match.matched() + "' → '" + alternative.term()
                            + "' (vocabulary entry " + alternative.entryId() + ")");
                    if (key.equals("de")) {
                        ObjectNode all = germanTerms(alternative.words(), weight);
                        ((ObjectNode) all.path("combined_fields")).put("operator", "and");
                        languages.add(all);
                    } else {
                        ObjectNode combined = languages.addObject().putObject("combined_fields");
                        combined.put("query", alternative.term())
                                .put("operator", "and")
                                .put("boost", weight);
                        ArrayNode fields = combined.putArray("fields");
                        for (String base : IndexSchema.TEXT_FIELDS) {
                            fields.add(IndexSchema.weighted(base, key));
                        }
                    }
                }
            }
        }
        return query;
    }

    /**
     * The articles that best bets pin to this request's text, by id, with the note their hit carries: only those the
     * viewer may see and the request's filters accept (one count per article), so that for anyone else the search
     * is the same as without the best bet.
     */
    private Map<String, String> pins(
            Tier tier,
            SearchRequest request,
            ObjectNode filter,
            OpenSearchVocabulary.Compiled vocabulary,
            String queryLanguage) {
        if (!vocabulary.hasBestBets()) {
            return Map.of();
        }
        Set<Locale> languages = OpenSearchVocabulary.locales(queryLanguage);
        var notes = new LinkedHashMap<String, String>();
        for (VocabularyEntry entry : vocabulary.effective().bestBets(languages, request.text())) {
            var bet = (VocabularyRule.BestBet) entry.rule();
            notes.put(
                    bet.article().value(),
                    "best bet: pinned first for '" + bet.query() + "' (vocabulary entry " + entry.id() + ")");
        }
        if (notes.isEmpty()) {
            return Map.of();
        }
        ObjectNode body = Cluster.object();
        body.put("size", notes.size());
        body.putArray("_source").add(IndexSchema.ID);
        ArrayNode both = body.putObject("query").putObject("bool").putArray("filter");
        ArrayNode ids = both.addObject().putObject("terms").putArray(IndexSchema.ID);
        notes.keySet().forEach(ids::add);
        both.add(filter);
        var visible = new HashSet<String>();
        search(tier, body)
                .path("hits")
                .path("hits")
                .forEach(hit ->
                        visible.add(hit.path("_source").path(IndexSchema.ID).asText()));
        var pins = new LinkedHashMap<String, String>();
        notes.forEach((id, note) -> {
            if (visible.contains(id)) {
                pins.put(id, note);
            }
        });
        return pins;
    }

    /** The query with the pinned articles added far above any text score, in their order; as it was without pins. */
    private static ObjectNode pinned(ObjectNode query, Map<String, String> pins, ObjectNode filter) {
        if (pins.isEmpty()) {
            return query;
        }
        ObjectNode outer = Cluster.object();
        ObjectNode bool = outer.putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.add(query);
        float boost = PIN_SCORE * pins.size();
        for (String id : pins.keySet()) {
            ObjectNode constant = should.addObject().putObject("constant_score");
            ArrayNode both = constant.putObject("filter").putObject("bool").putArray("filter");
            both.addObject().putObject("term").put(IndexSchema.ID, id);
            both.add(filter);
            constant.put("boost", boost);
            boost -= PIN_SCORE;
        }
        bool.put("minimum_should_match", 1);
        return outer;
    }

    /** A pinned article's score: above any text score (BM25 times priors stays far below it). */
    private static final float PIN_SCORE = 1_000_000f;

    /**
     * The result with each pinned article's hit saying so (its explanation; after it, the ranking's if asked), and
     * an explained search's hits naming the synonyms and expansions its query matched.
     */
    private static SearchResult marked(SearchResult result, Map<String, String> pins, List<String> notes) {
        if (pins.isEmpty() && notes.isEmpty()) {
            return result;
        }
        var hits = new ArrayList<SearchHit>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            var parts = new ArrayList<String>();
            Optional.ofNullable(pins.get(hit.id().value())).ifPresent(parts::add);
            if (hit.explanation().isPresent()) {
                notes.forEach(n -> parts.add("query vocabulary: " + n));
                parts.add(hit.explanation().get());
            }
            hits.add(
                    parts.isEmpty()
                            ? hit
                            : new SearchHit(
                                    hit.id(),
                                    hit.revision(),
                                    hit.title(),
                                    hit.snippet(),
                                    hit.score(),
                                    hit.state(),
                                    hit.audience(),
                                    hit.language(),
                                    hit.modified(),
                                    Optional.of(String.join("\n", parts))));
        }
        return result.withHits(hits);
    }

    /** BM25F over the fields of the library's German terms, with the text fields' weights. */
    private static ObjectNode germanTerms(List<String> terms, float boost) {
        ObjectNode query = Cluster.object();
        ObjectNode combined = query.putObject("combined_fields");
        combined.put("query", String.join(" ", terms)).put("operator", "or").put("boost", boost);
        ArrayNode fields = combined.putArray("fields");
        for (String base : IndexSchema.TEXT_FIELDS) {
            fields.add(IndexSchema.weight(IndexSchema.libraryField(base), base));
        }
        return query;
    }

    /** Every word may have a typo or two (by its length), over the same fields; filtered, times the prior. */
    private ObjectNode fuzzyQuery(List<String> words, ObjectNode filter) {
        // Over the words as the articles write them (unstemmed: a stemmer may cut a misspelt word differently
        // from the word it misspells, "gehaltsabrechnnug" and "gehaltsabrechn"), each allowed one or two edits.
        ObjectNode bool = Cluster.object();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("must").add(fuzzyMatch(IndexSchema.EXACT, plain(words)));
        inner.putArray("filter").add(filter);
        return prior(bool);
    }

    private static ObjectNode fuzzyMatch(String field, String text) {
        ObjectNode query = Cluster.object();
        query.putObject("match")
                .putObject(field)
                .put("query", text)
                // As the embedded engine's relaxed search: one edit from 4 letters, two from 9.
                .put("fuzziness", "AUTO:4,9")
                .put("prefix_length", 1)
                .put("max_expansions", 20)
                .put("operator", "or");
        return query;
    }

    /** The query's score times the KCS prior: the stored signal prior and freshness against the clock. */
    private ObjectNode prior(ObjectNode query) {
        ObjectNode signals = Cluster.object();
        ObjectNode inner = signals.putObject("function_score");
        inner.set("query", query);
        inner.putArray("functions")
                .addObject()
                .putObject("field_value_factor")
                .put("field", IndexSchema.PRIOR)
                .put("missing", 1.0);
        inner.put("boost_mode", "multiply");
        ObjectNode outer = Cluster.object();
        ObjectNode fresh = outer.putObject("function_score");
        fresh.set("query", signals);
        ArrayNode functions = fresh.putArray("functions");
        functions.addObject().put("weight", KcsPrior.MIN_FRESHNESS);
        ObjectNode decay = functions.addObject();
        decay.put("weight", 1 - KcsPrior.MIN_FRESHNESS);
        // Linear from 1 at the clock's hour to (about) 0 two years earlier: freshness 1.0 down to 0.95.
        decay.putObject("linear")
                .putObject(IndexSchema.MODIFIED)
                .put("origin", KcsPrior.now(clock))
                .put("scale", (long) KcsPrior.FRESHNESS_SPAN_MILLIS / 3_600_000L + "h")
                .put("decay", 1e-6);
        fresh.put("score_mode", "sum");
        fresh.put("boost_mode", "multiply");
        return outer;
    }

    /**
     * The query's score times the factor of the {@linkplain SearchRequest#context() asker's context} ({@link
     * ContextBoost}): a filter function per attribute, multiplied where the article shares it and capped at {@link
     * ContextBoost#MAX}; a version counts only where the product is shared too or the article names none. Where no
     * function matches the score is unchanged, and what matches is the query's own, so that the context reorders the
     * hits without hiding or counting any. The query as it is when the request has no context.
     */
    static ObjectNode context(ObjectNode query, SearchRequest request) {
        if (request.context().isEmpty()) {
            return query;
        }
        ObjectNode outer = Cluster.object();
        ObjectNode score = outer.putObject("function_score");
        score.set("query", query);
        ArrayNode functions = score.putArray("functions");
        Optional<ObjectNode> product = Optional.ofNullable(request.context().get(Environment.PRODUCT))
                .map(value -> contextTerm(Environment.PRODUCT, value));
        product.ifPresent(term ->
                functions.addObject().put("weight", ContextBoost.PRODUCT).set("filter", term));
        request.context().forEach((key, value) -> {
            if (key.equals(Environment.PRODUCT)) {
                return;
            }
            ObjectNode filter = contextTerm(key, value);
            if (key.equals(Environment.VERSION)) {
                ObjectNode gated = Cluster.object();
                ObjectNode bool = gated.putObject("bool");
                bool.putArray("filter").add(filter);
                ArrayNode either = bool.putArray("should");
                product.ifPresent(term -> either.add(term.deepCopy()));
                either.addObject()
                        .putObject("bool")
                        .putArray("must_not")
                        .addObject()
                        .putObject("exists")
                        .put("field", IndexSchema.facetField(Environment.PRODUCT));
                bool.put("minimum_should_match", 1);
                filter = gated;
            }
            functions.addObject().put("weight", ContextBoost.OTHER).set("filter", filter);
        });
        score.put("score_mode", "multiply");
        score.put("boost_mode", "multiply");
        score.put("max_boost", ContextBoost.MAX);
        return outer;
    }

    private static ObjectNode contextTerm(String key, String value) {
        ObjectNode term = Cluster.object();
        term.putObject("term").put(IndexSchema.ENV_ATTRIBUTE, key + "=" + ContextBoost.normalize(value));
        return term;
    }

    /** What the viewer may see, intersected with the request's own filters. */
    static ObjectNode filter(SearchRequest request, Visibility visibility) {
        ObjectNode filter = Cluster.object();
        ArrayNode all = filter.putObject("bool").putArray("filter");
        all.add(visibility(visibility));
        if (!request.states().isEmpty()) {
            ArrayNode states = all.addObject().putObject("terms").putArray(IndexSchema.STATE);
            request.states().forEach(state -> states.add(state.name()));
        }
        request.environment().forEach((key, value) -> all.addObject()
                .putObject("term")
                .put(
                        IndexSchema.ENV_ATTRIBUTE,
                        key.strip() + "=" + value.strip().toLowerCase(Locale.ROOT)));
        for (String tag : request.tags()) {
            all.addObject().putObject("term").put(IndexSchema.TAG, tag.strip().toLowerCase(Locale.ROOT));
        }
        if (!request.languages().isEmpty()) {
            ArrayNode languages = all.addObject().putObject("terms").putArray(IndexSchema.LANGUAGE);
            request.languages().forEach(language -> languages.add(Languages.tag(language)));
        }
        if (!request.modifiedFrom().equals(Instant.MIN) || !request.modifiedTo().equals(Instant.MAX)) {
            ObjectNode range = all.addObject().putObject("range").putObject(IndexSchema.MODIFIED);
            if (!request.modifiedFrom().equals(Instant.MIN)) {
                range.put("gte", EngineText.epochMillis(request.modifiedFrom()));
            }
            if (!request.modifiedTo().equals(Instant.MAX)) {
                range.put("lt", EngineText.epochMillis(request.modifiedTo()));
            }
        }
        return filter;
    }

    /** One clause per grant: state and audience as one keyword, and the author for own-only grants. */
    static ObjectNode visibility(Visibility visibility) {
        ObjectNode query = Cluster.object();
        if (visibility.grants().isEmpty()) {
            query.putObject("match_none");
            return query;
        }
        ObjectNode bool = query.putObject("bool");
        ArrayNode any = bool.putArray("should");
        for (Visibility.Grant grant : visibility.grants()) {
            ObjectNode term = Cluster.object();
            term.putObject("term").put(IndexSchema.VISIBILITY, IndexSchema.visibility(grant.state(), grant.audience()));
            if (grant.ownOnly()) {
                ArrayNode both = any.addObject().putObject("bool").putArray("filter");
                both.add(term);
                both.addObject().putObject("term").put(IndexSchema.AUTHOR, visibility.authorId());
            } else {
                any.add(term);
            }
        }
        bool.put("minimum_should_match", 1);
        return query;
    }

    /**
     * Snippets: the matches of the query's words in each snippet field, as the cluster analyses that field (the
     * ranking's German terms are not text that can be marked). {@code titles} adds the titles; {@code fuzzy}
     * allows typos and marks the words as written too ({@code exact}), where a correction is read from.
     */
    private static ObjectNode highlight(List<String> queryWords, List<String> keys, boolean titles, boolean fuzzy) {
        ObjectNode highlight = Cluster.object();
        highlight.put("encoder", "html");
        highlight.putArray("pre_tags").add("<mark>");
        highlight.putArray("post_tags").add("</mark>");
        highlight.put("require_field_match", true);
        ObjectNode fields = highlight.putObject("fields");
        ArrayNode clauses =
                highlight.putObject("highlight_query").putObject("bool").putArray("should");
        String words = plain(queryWords);
        var names = new ArrayList<String>();
        for (String key : keys) {
            for (String base : IndexSchema.SNIPPET_FIELDS) {
                String name = IndexSchema.field(base, key);
                ObjectNode field = fields.putObject(name);
                field.put("type", "unified").put("fragment_size", FRAGMENT).put("number_of_fragments", 2);
                if (base.equals("issue")) {
                    field.put("no_match_size", FRAGMENT);
                }
                names.add(name);
            }
            if (titles) {
                String name = IndexSchema.field("title", key);
                fields.putObject(name).put("number_of_fragments", 0);
                names.add(name);
            }
        }
        if (fuzzy) {
            fields.putObject(IndexSchema.EXACT).put("fragment_size", 60).put("number_of_fragments", 3);
            names.add(IndexSchema.EXACT);
        }
        for (String name : names) {
            if (fuzzy) {
                clauses.add(fuzzyMatch(name, words));
            } else {
                clauses.addObject().putObject("match").putObject(name).put("query", words);
            }
        }
        return highlight;
    }

    private static ObjectNode page(
            SearchRequest request, Optional<PageCursor> cursor, ObjectNode query, ObjectNode highlight) {
        ObjectNode body = Cluster.object();
        body.put("from", cursor.isPresent() ? 0 : request.offset());
        body.put("size", request.limit() + 1);
        body.put("track_total_hits", TOTAL_HITS_THRESHOLD);
        body.set("query", query);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put(IndexSchema.ID, "asc");
        cursor.ifPresent(
                after -> body.putArray("search_after").add(after.score()).add(after.id()));
        ArrayNode source = body.putArray("_source");
        SOURCE_FIELDS.forEach(source::add);
        body.set("highlight", highlight);
        if (request.explain()) {
            body.put("explain", true);
        }
        if (request.facets()) {
            ObjectNode aggs = body.putObject("aggs");
            for (String facet : IndexSchema.FACETS) {
                ObjectNode terms = aggs.putObject(facet).putObject("terms");
                terms.put("field", IndexSchema.facetField(facet)).put("size", FACET_VALUES);
                ArrayNode order = terms.putArray("order");
                order.addObject().put("_count", "desc");
                order.addObject().put("_key", "asc");
            }
        }
        return body;
    }

    private SearchResult result(JsonNode reply, SearchRequest request, Optional<PageCursor> cursor) {
        JsonNode hits = reply.path("hits");
        List<JsonNode> list = new ArrayList<>();
        hits.path("hits").forEach(list::add);
        boolean more = list.size() > request.limit();
        if (more) {
            list = list.subList(0, request.limit());
        }
        var page = new ArrayList<SearchHit>(list.size());
        for (JsonNode hit : list) {
            page.add(hit(hit, request.explain()));
        }
        Optional<String> next = Optional.empty();
        if (more && !list.isEmpty()) {
            JsonNode last = list.getLast().path("sort");
            next = Optional.of(
                    new PageCursor((float) last.path(0).asDouble(), last.path(1).asText()).encode());
        }
        long total = hits.path("total").path("value").asLong(page.size());
        boolean exact = "eq".equals(hits.path("total").path("relation").asText("eq"));
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        if (request.facets()) {
            for (String facet : IndexSchema.FACETS) {
                var counts = new ArrayList<FacetCount>();
                for (JsonNode bucket : reply.path("aggregations").path(facet).path("buckets")) {
                    counts.add(new FacetCount(
                            bucket.path("key").asText(),
                            bucket.path("doc_count").asLong()));
                }
                facets.put(facet, counts);
            }
        }
        return new SearchResult(page, total, exact, facets, Optional.empty(), next);
    }

    private static SearchHit hit(JsonNode hit, boolean explain) {
        JsonNode source = hit.path("_source");
        Locale language = Languages.parse(source.path(IndexSchema.LANGUAGE).asText(""));
        String key = IndexSchema.languageKey(language);
        var fragments = new ArrayList<String>();
        JsonNode highlight = hit.path("highlight");
        for (String base : IndexSchema.SNIPPET_FIELDS) {
            highlight.path(IndexSchema.field(base, key)).forEach(f -> fragments.add(f.asText()));
        }
        // Fragments with a match first; the beginning of the issue when nothing matched.
        List<String> marked =
                fragments.stream().filter(f -> f.contains("<mark>")).limit(2).toList();
        String snippet = String.join(
                " … ", marked.isEmpty() ? fragments.stream().limit(1).toList() : marked);
        Optional<String> explanation = explain && hit.has("_explanation")
                ? Optional.of(explanation(hit.path("_explanation"), new StringBuilder(), 0)
                        .toString())
                : Optional.empty();
        return new SearchHit(
                ArticleId.of(source.path(IndexSchema.ID).asText()),
                source.path(IndexSchema.REVISION).asInt(1),
                source.path(IndexSchema.TITLE).asText(""),
                snippet,
                (float) hit.path("_score").asDouble(hit.path("sort").path(0).asDouble()),
                ArticleState.valueOf(source.path(IndexSchema.STATE).asText()),
                Audience.valueOf(source.path(IndexSchema.AUDIENCE).asText()),
                language,
                Instant.ofEpochMilli(source.path(IndexSchema.MODIFIED).asLong()),
                explanation);
    }

    private static StringBuilder explanation(JsonNode node, StringBuilder out, int depth) {
        out.append("  ".repeat(depth))
                .append(node.path("value").asDouble())
                .append(" = ")
                .append(node.path("description").asText())
                .append('\n');
        for (JsonNode detail : node.path("details")) {
            explanation(detail, out, depth + 1);
        }
        return out;
    }

    /** The query with each word no hit holds replaced by the nearest word the hits' marked text holds. */
    private static Optional<String> correction(List<String> words, JsonNode reply) {
        var candidates = new LinkedHashSet<String>();
        for (JsonNode hit : reply.path("hits").path("hits")) {
            hit.path("highlight")
                    .forEach(field -> field.forEach(fragment -> {
                        Matcher m = MARKED.matcher(fragment.asText());
                        while (m.find()) {
                            candidates.add(EngineText.unescapeHtml(m.group(1)).toLowerCase(Locale.ROOT));
                        }
                    }));
        }
        boolean changed = false;
        var corrected = new ArrayList<String>(words.size());
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT);
            String best = lower;
            int bestDistance = Integer.MAX_VALUE;
            if (!candidates.contains(lower)) {
                for (String candidate : candidates) {
                    int distance = distance(lower, candidate);
                    if (distance <= 2 && distance < bestDistance) {
                        best = candidate;
                        bestDistance = distance;
                    }
                }
            }
            changed |= !best.equals(lower);
            corrected.add(best);
        }
        return changed ? Optional.of(String.join(" ", corrected)) : Optional.empty();
    }

    /** Levenshtein distance, for words of a query (short). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- Suggestions -----------------------------------------------------------------------------------------

    @Override
    public List<Suggestion> suggest(String prefix, Visibility visibility, int limit) {
        ensureOpen();
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(visibility, "visibility");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<String> typed = SuggestionText.words(EngineText.sanitize(prefix));
        if (typed.isEmpty()) {
            return List.of();
        }
        Tier tier = tier(visibility);
        List<Suggestion> found = suggest(tier, typed, visibility, limit);
        // Words typed without their umlauts ("kund" for "künd") are tried with them only when nothing completes the
        // words as typed, so that "druck" never offers "drücken" where it completes words of its own.
        for (List<String> variant : GermanNormalForm.umlautVariants(typed)) {
            if (!found.isEmpty()) {
                break;
            }
            found = suggest(tier, variant, visibility, limit);
        }
        // Fewer than asked for: the typed words as the vocabulary's synonyms and expansions rewrite them fill the
        // list ("Beamer" completes the projector's title), after the completions of the words as typed, as the
        // embedded engine's suggestions do. Each lookup admits only what the viewer may see.
        if (found.size() < limit) {
            List<List<String>> rewrites = tier.vocabulary()
                    .current(tier.writer().vocabulary())
                    .completion()
                    .rewrites(typed, SUGGEST_REWRITES);
            var all = new ArrayList<>(found);
            var shown = new HashSet<String>();
            found.forEach(s -> shown.add(SuggestionText.normalize(s.text())));
            for (List<String> rewrite : rewrites) {
                for (Suggestion suggestion : suggest(tier, rewrite, visibility, limit)) {
                    if (all.size() < limit && shown.add(SuggestionText.normalize(suggestion.text()))) {
                        all.add(suggestion);
                    }
                }
                if (all.size() >= limit) {
                    break;
                }
            }
            found = List.copyOf(all);
        }
        return found;
    }

    private List<Suggestion> suggest(Tier tier, List<String> typed, Visibility visibility, int limit) {
        var suggestions = new ArrayList<Suggestion>();
        var seen = new LinkedHashSet<String>();
        // Titles of visible, not archived articles whose words start with what was typed, most popular first.
        ObjectNode body = Cluster.object();
        body.put("size", limit);
        ObjectNode bool = body.putObject("query").putObject("bool");
        // Every typed word starts a word of the title (the last may be incomplete, and so may the others: "postfach"
        // completes "Postfachs"), as the embedded engine's suggestions do.
        ArrayNode must = bool.putArray("must");
        for (String word : typed) {
            must.addObject().putObject("prefix").put(IndexSchema.TITLE_WORDS, word);
        }
        ArrayNode filter = bool.putArray("filter");
        filter.add(visibility(visibility));
        bool.putArray("must_not").addObject().putObject("term").put(IndexSchema.STATE, ArticleState.ARCHIVED.name());
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put(IndexSchema.POPULARITY, "desc");
        sort.addObject().put(IndexSchema.ID, "asc");
        body.putArray("_source").add(IndexSchema.ID).add(IndexSchema.TITLE);
        JsonNode reply = search(tier, body);
        for (JsonNode hit : reply.path("hits").path("hits")) {
            String title = hit.path("_source").path(IndexSchema.TITLE).asText();
            if (seen.add(SuggestionText.normalize(title))) {
                suggestions.add(new Suggestion(
                        title,
                        SuggestionText.highlight(title, typed),
                        Suggestion.Kind.TITLE,
                        Optional.of(ArticleId.of(
                                hit.path("_source").path(IndexSchema.ID).asText())),
                        hit.path("sort").path(0).asDouble(1)));
            }
        }
        // Answered queries of the viewer's audience whose answering article the viewer may see.
        List<LearnedQueries.Candidate> candidates =
                learned.candidates(typed, visibility.viewer().audience(), SUGGEST_CANDIDATES);
        if (!candidates.isEmpty()) {
            Set<String> visible = visibleIds(
                    tier,
                    visibility,
                    candidates.stream().map(c -> c.article().value()).toList());
            var best = new LinkedHashMap<String, Suggestion>();
            for (LearnedQueries.Candidate candidate : candidates) {
                String key = SuggestionText.normalize(candidate.text());
                if (!visible.contains(candidate.article().value()) || seen.contains(key)) {
                    continue;
                }
                Suggestion current = best.get(key);
                if (current == null || current.weight() < candidate.weight()) {
                    best.put(
                            key,
                            new Suggestion(
                                    candidate.text(),
                                    SuggestionText.highlight(candidate.text(), typed),
                                    Suggestion.Kind.QUERY,
                                    Optional.empty(),
                                    candidate.weight()));
                }
            }
            suggestions.addAll(best.values());
        }
        suggestions.sort((a, b) -> {
            int order = Double.compare(b.weight(), a.weight());
            return order != 0 ? order : a.text().compareTo(b.text());
        });
        return List.copyOf(suggestions.subList(0, Math.min(limit, suggestions.size())));
    }

    /** Which of {@code ids} the viewer may see, in the tier's index. */
    private Set<String> visibleIds(Tier tier, Visibility visibility, List<String> ids) {
        ObjectNode body = Cluster.object();
        body.put("size", ids.size());
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        ArrayNode terms = filter.addObject().putObject("terms").putArray(IndexSchema.ID);
        ids.stream().distinct().forEach(terms::add);
        filter.add(visibility(visibility));
        filter.addObject()
                .putObject("bool")
                .putArray("must_not")
                .addObject()
                .putObject("term")
                .put(IndexSchema.STATE, ArticleState.ARCHIVED.name());
        body.putArray("_source").add(IndexSchema.ID);
        var visible = new LinkedHashSet<String>();
        for (JsonNode hit : search(tier, body).path("hits").path("hits")) {
            visible.add(hit.path("_source").path(IndexSchema.ID).asText());
        }
        return visible;
    }

    @Override
    public void learnQueries(List<AnsweredQuery> answered) {
        ensureOpen();
        learned.learn(answered);
    }

    @Override
    public void forgetQuery(String normalizedQuery) {
        ensureOpen();
        learned.forget(normalizedQuery);
    }

    // ---- Similar and related ---------------------------------------------------------------------------------

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
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        List<String> keys = languageKeys(draft.language());
        Tier tier = tier(visibility);
        ObjectNode body = Cluster.object();
        body.put("size", SIMILAR_CANDIDATES);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("must").add(likeText(plain(words), keys));
        bool.putArray("filter").add(visibility(visibility));
        body.putArray("_source").add(IndexSchema.ID).add(IndexSchema.TITLE).add(IndexSchema.STATE);
        ObjectNode highlight = highlight(words, keys, true, false);
        ObjectNode fields = (ObjectNode) highlight.path("fields");
        ArrayNode clauses =
                (ArrayNode) highlight.path("highlight_query").path("bool").path("should");
        for (String key : keys) {
            for (String base : List.of("cause", "env")) {
                String name = IndexSchema.field(base, key);
                fields.putObject(name).put("number_of_fragments", 0);
                clauses.addObject().putObject("match").putObject(name).put("query", plain(words));
            }
        }
        body.set("highlight", highlight);
        JsonNode reply = search(tier, body);
        // The draft's distinct words of four letters or more: what a similar article covers a share of.
        long telling = words.stream()
                .filter(w -> w.length() >= 4)
                .map(w -> w.toLowerCase(Locale.ROOT))
                .distinct()
                .count();
        var similar = new ArrayList<SimilarArticle>();
        for (JsonNode hit : reply.path("hits").path("hits")) {
            var matched = new LinkedHashSet<String>();
            hit.path("highlight")
                    .forEach(field -> field.forEach(fragment -> {
                        Matcher m = MARKED.matcher(fragment.asText());
                        while (m.find()) {
                            matched.add(EngineText.unescapeHtml(m.group(1)).toLowerCase(Locale.ROOT));
                        }
                    }));
            JsonNode source = hit.path("_source");
            double share = telling == 0 ? 0 : Math.min(1.0, matched.size() / (double) Math.min(telling, 20));
            similar.add(new SimilarArticle(
                    ArticleId.of(source.path(IndexSchema.ID).asText()),
                    source.path(IndexSchema.TITLE).asText(""),
                    ArticleState.valueOf(source.path(IndexSchema.STATE).asText()),
                    share,
                    List.copyOf(matched)));
        }
        similar.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return List.copyOf(similar.subList(0, Math.min(limit, similar.size())));
    }

    /** The most telling terms of a text (term frequency times idf in the index), over title, issue and cause. */
    private static ObjectNode likeText(String text, List<String> keys) {
        ObjectNode query = Cluster.object();
        ObjectNode mlt = query.putObject("more_like_this");
        ArrayNode fields = mlt.putArray("fields");
        for (String key : keys) {
            for (String base : List.of("title", "issue", "cause", "env")) {
                fields.add(IndexSchema.field(base, key));
            }
        }
        mlt.putArray("like").add(text);
        mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 20);
        mlt.put("minimum_should_match", "1");
        return query;
    }

    @Override
    public List<SearchHit> related(ArticleId id, Visibility visibility, int limit) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(visibility, "visibility");
        Tier tier = tier(visibility);
        Cluster.Reply self = cluster.send("GET", "/" + tier.alias() + "/_doc/" + encodePath(id.value()), null);
        if (self.status() == 404 || !self.body().path("found").asBoolean(false)) {
            return List.of();
        }
        cluster.check(self, "GET", tier.alias() + "/_doc/" + id.value());
        JsonNode source = self.body().path("_source");
        String key = IndexSchema.languageKey(
                Languages.parse(source.path(IndexSchema.LANGUAGE).asText("")));
        String text = source.path(IndexSchema.TITLE).asText("") + "\n"
                + source.path(IndexSchema.field("issue", key)).asText("");
        List<String> words = words(EngineText.sanitize(text));
        if (words.isEmpty()) {
            return List.of();
        }
        ObjectNode bool = Cluster.object();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("must").add(likeText(plain(words), List.of(key)));
        // Sharing the product or a tag counts too.
        ArrayNode should = inner.putArray("should");
        for (JsonNode tag : source.path(IndexSchema.TAG)) {
            should.addObject()
                    .putObject("term")
                    .putObject(IndexSchema.TAG)
                    .put("value", tag.asText())
                    .put("boost", 0.5);
        }
        String product = source.path(IndexSchema.facetField("product")).asText("");
        if (!product.isEmpty()) {
            should.addObject()
                    .putObject("term")
                    .putObject(IndexSchema.facetField("product"))
                    .put("value", product)
                    .put("boost", 0.5);
        }
        inner.putArray("filter").add(visibility(visibility));
        inner.putArray("must_not").addObject().putObject("term").put(IndexSchema.ID, id.value());
        SearchRequest page = SearchRequest.builder("related " + id.value(), Viewer.anonymous())
                .limit(Math.min(limit, SearchRequest.MAX_LIMIT))
                .build();
        ObjectNode body = page(page, Optional.empty(), prior(bool), highlight(words, List.of(key), false, false));
        ((ObjectNode) body.path("highlight")).set("highlight_query", likeText(plain(words), List.of(key)));
        JsonNode reply = search(tier, body);
        return withTranslations(tier, reply, result(reply, page, Optional.empty()), visibility)
                .hits();
    }

    private static String encodePath(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- Following -------------------------------------------------------------------------------------------

    @Override
    public List<String> words(String text, Locale language, Visibility visibility) {
        ensureOpen();
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(visibility, "visibility");
        // The viewer's index: its compound vocabulary was learned from articles the viewer may see.
        return tier(visibility).german().queryWords(EngineText.sanitize(text), language);
    }

    @Override
    public QueryCacheStats queryCacheStats() {
        return QueryCacheStats.disabled();
    }

    @Override
    public boolean awaitSearchable(long sequence, Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Tier tier : tiers()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!tier.follower().awaitSearchable(sequence, left)) {
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
            searchable = Math.min(searchable, tier.follower().searchableSequence());
        }
        return searchable;
    }

    @Override
    public void rebuild() {
        ensureOpen();
        for (Tier tier : tiers()) {
            tier.follower().rebuild();
        }
    }

    /** Rebuilds every index, each a share of the progress: each reads every article of the store. */
    @Override
    public void rebuild(org.kcskb.transfer.TransferListener listener) {
        ensureOpen();
        List<Tier> tiers = tiers();
        for (int i = 0; i < tiers.size(); i++) {
            tiers.get(i).follower().rebuild(listener.share(i, tiers.size()));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Tier tier : tiers().reversed()) {
                tier.follower().close();
                tier.german().close();
                tier.vocabulary().close();
            }
        } finally {
            provider.release(cluster);
        }
    }

    /**
     * Stops the engine as a crash of the process would: the connection goes first, so that the followers' final
     * commits never reach the cluster; then everything is released. For tests.
     */
    void crash() {
        for (Tier tier : tiers()) {
            tier.writer().cut();
        }
        close();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The search engine is closed: " + description);
        }
    }

    /** For tests: the follower of the index that holds every article. */
    ChangeFeedFollower mainFollower() {
        return all.follower();
    }

    /** "opensearch", for metrics tags (the default would make "open" of the class name). */
    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public String toString() {
        return description;
    }
}
