package org.kcskb.search.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.InvalidInputException;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.FacetCount;
import org.kcskb.search.Relaxation;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.SimilarArticle;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ForwardingArticleStore;

/**
 * The contract every {@link SearchEngine} must meet, in the manner of {@code org.kcskb.store.spi.ArticleStoreContract}.
 * A host that implements the search SPI extends this class (from the {@code kb-core} test-jar, {@code
 * <type>test-jar</type>}, scope test) and implements {@link #provider()}; {@code kb-index}'s
 * {@code LuceneSearchEngineContractTest} runs it against the Lucene engine, in memory and with a directory:
 *
 * <pre>{@code
 * class MyEngineContractTest extends SearchEngineContract {
 *     protected SearchEngineProvider provider() { return MyEngine::new; }
 *     protected boolean persistent() { return true; }  // when it keeps its index in context.directory()
 * }
 * }</pre>
 *
 * <p>The contract drives the engine through the public {@link KnowledgeBase} API over an in-memory store (the engine
 * follows the store's change feed by itself), and through the SPI where the knowledge base adds checks of its own
 * ({@link SearchEngine#related} of an article the viewer may not see, {@link SearchEngine#learnQueries}, bounded
 * {@link SearchEngine#awaitSearchable}). It checks:
 *
 * <ul>
 *   <li><b>visibility</b>: over random articles (states, audiences, authors, languages) and three policies (the KCS
 *       default, a wider one with own-only drafts, and random grants, own-only ones included), for the public,
 *       partners (one named like an agent) and agents, no hit, total, facet count, snippet, suggestion, similar or
 *       related article reveals an article {@code policy.visibleTo(viewer, includeArchived)} does not permit; an
 *       article's unique word finds it exactly when it is visible; totals and facets count only visible articles;
 *       hits show the state and audience the store has, also after articles moved between them;
 *   <li><b>paging</b>: offset pages, cursor pages ({@link SearchRequest#next}) and one long page list the same hits
 *       in the same order, without duplicates or gaps, also among many hits of exactly equal score, and again when
 *       repeated; a cursor that was not issued (or was tampered with) gives an {@link InvalidInputException} naming
 *       {@code after} that does not echo it, or (for a mutated genuine cursor) a page of visible hits, never another
 *       exception;
 *   <li><b>near-real-time</b>: captures, revisions and audience changes are searchable within the refresh interval
 *       (plus {@link #SLACK} for a busy machine), with and without {@code awaitSearchable}, whose wait is bounded;
 *   <li><b>catch-up</b>: an engine opened over a store that changed while no engine followed it (captures,
 *       revisions, archiving, audience changes, purges) searches exactly the store's articles: after a normal close,
 *       and after a {@linkplain #crash crash} without the final commit (skipped unless {@link #crash} is
 *       overridden). With {@link #persistent()} the new engine reopens the old one's directory, otherwise it starts
 *       empty;
 *   <li><b>rebuild</b>: during {@code rebuildIndex()} searches keep finding every article and hide what they hid
 *       before, and afterwards everything (also what was captured during the rebuild) is searchable;
 *   <li><b>no dead ends</b>: a query that finds nothing visible as typed shows the results of a relaxed form of
 *       it and says what was relaxed ({@link SearchResult#relaxation()}): a typo of a 4-letter word beside
 *       stopwords is corrected ("how do i logn"), words no visible article holds are dropped and the rest, stopwords
 *       included, is searched; a query of stopwords alone finds the articles that hold them; a correction never
 *       comes from an article the viewer may not see (internal, work in progress), for the public nor a partner;
 *   <li><b>cross-language help</b>: a query with a language finds that language's version of an issue before its
 *       translation, and also an issue documented only in the other language; every hit says its language; the
 *       {@link SearchRequest#languages() languages} filter stays strict (hits, totals, facets);
 *   <li><b>bad input</b>: empty, blank, huge, control-character, unpaired-surrogate, query-syntax and markup text
 *       gives a result (of visible articles only) or an {@link InvalidInputException}, never an engine exception,
 *       in search, suggest and similar; snippets and highlighted suggestions stay HTML-escaped.
 * </ul>
 *
 * <p>Randomised checks print their seed ({@code SearchEngineContract seed: N}) and name it in every failure; rerun
 * one with {@code -Dkb.test.seed=N}. Knowledge bases are small (at most about 80 articles), so the whole contract
 * takes some 15 s for {@code kb-index}'s engine in memory and 20 to 40 s on disk (two shared CI cores).
 *
 * <p>Not part of the contract: that the public's answers are unaffected by articles it may not see (scores,
 * corrections, the query language), which {@code kb-index} also guarantees ({@code NonInterferencePropertyTest})
 * but the SPI leaves to the engine ({@link SearchEngineContext#visibilityPolicy()}).
 */
public abstract class SearchEngineContract {
    /** Added to the refresh interval before a change counts as late: scheduling on a busy CI machine. */
    protected static final Duration SLACK = Duration.ofSeconds(3);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor ADMIN = Actor.administrator("admin");
    private static final List<String> AUTHORS = List.of("author-1", "author-2", "author-3");
    private static final List<String> WORDS = List.of(
            "drucker",
            "treiber",
            "update",
            "netzwerk",
            "passwort",
            "printer",
            "driver",
            "network",
            "password",
            "invoice",
            "rechnung",
            "fehler",
            "error",
            "login",
            "anmeldung");
    private static final List<String> PRODUCTS = List.of("Acme Print", "Acme VPN", "Acme Billing");
    private static final List<Viewer> VIEWERS = List.of(
            Viewer.anonymous(),
            Viewer.partner("partner-1"),
            // Named like an agent: own-only grants must not apply to a partner.
            Viewer.partner("author-1"),
            Viewer.agent(Actor.candidate("author-1")),
            Viewer.agent(Actor.contributor("author-2")),
            Viewer.agent(Actor.publisher("pub-1")));

    /** A folder for the engines' directories (used when {@link #persistent()}). */
    @TempDir
    protected Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<SearchEngine> opened = new CopyOnWriteArrayList<>();

    /** Returns the provider of the engine under test; each call of {@code open} must give a new engine. */
    protected abstract SearchEngineProvider provider();

    /**
     * Whether the engine keeps its index in {@link SearchEngineContext#directory()} across a close and reopen. The
     * default, false, opens every engine without a directory.
     */
    protected boolean persistent() {
        return false;
    }

    /** The refresh interval the contract opens engines with; a change must be searchable within it. */
    protected Duration refreshInterval() {
        return Duration.ofMillis(200);
    }

    /**
     * Stops {@code engine} as a crash of the process would: without its final commit (or whatever it does on a
     * clean close), releasing its files so that another engine can open its directory. The default skips the crash
     * check; an engine that can simulate a crash (for example by making its directory refuse writes, then closing
     * it) overrides this.
     */
    protected void crash(SearchEngine engine) {
        Assumptions.abort("crash(SearchEngine) is not overridden: the crash check does not apply");
    }

    @AfterEach
    void closeAll() throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : toClose.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static long seed(String check) {
        long seed = Long.getLong("kb.test.seed", System.nanoTime());
        System.out.println("SearchEngineContract seed: " + seed + " (" + check + ")");
        return seed;
    }

    /** A store shared by several knowledge bases and engines: closing them leaves it open; closed after the test. */
    private ArticleStore sharedStore() {
        ArticleStore store = ArticleStores.inMemory();
        toClose.add(store);
        return new ForwardingArticleStore(store) {
            @Override
            public void close() {}
        };
    }

    private SearchEngineProvider recording() {
        SearchEngineProvider provider = provider();
        return context -> {
            SearchEngine engine = provider.open(context);
            opened.add(engine);
            return engine;
        };
    }

    /** The engine the knowledge base opened last. */
    private SearchEngine engine() {
        return opened.getLast();
    }

    private Optional<Path> directory() {
        return persistent() ? Optional.of(temp.resolve("index")) : Optional.empty();
    }

    private KnowledgeBase open(ArticleStore store, VisibilityPolicy policy, Clock clock) {
        var builder = KnowledgeBase.builder()
                .store(store)
                .searchEngine(recording())
                .visibilityPolicy(policy)
                .refreshInterval(refreshInterval())
                .clock(clock);
        directory().ifPresent(builder::directory);
        KnowledgeBase kb = builder.build();
        toClose.add(kb);
        return kb;
    }

    private KnowledgeBase open(VisibilityPolicy policy) {
        return open(ArticleStores.inMemory(), policy, Clock.systemUTC());
    }

    /** A knowledge base without search over {@code store}, for writes while no engine follows it. */
    private KnowledgeBase writer(ArticleStore store) {
        KnowledgeBase kb = KnowledgeBase.builder().store(store).withoutSearch().build();
        toClose.add(kb);
        return kb;
    }

    private SearchEngine openEngine(ArticleStore store, VisibilityPolicy policy) {
        return recording()
                .open(new SearchEngineContext(store, directory(), refreshInterval(), policy, Clock.systemUTC()));
    }

    private static void awaitSearchable(KnowledgeBase kb) {
        assertThat(kb.awaitSearchable(WAIT)).as("searchable within " + WAIT).isTrue();
    }

    private static String words(Random random, int n) {
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    /** A word no other article holds, that no stemmer or typo correction takes for another (letters only). */
    private static String marker(Random random, int i) {
        var text = new StringBuilder("zq");
        for (long n = (random.nextLong() & 0xffffffL) * 100 + i; n > 0; n /= 20) {
            text.append((char) ('b' + n % 20));
        }
        return text.append("x").toString();
    }

    private static List<String> matching(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.id().value()).toList();
    }

    private static List<ArticleId> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    // ---- Visibility ------------------------------------------------------------------------------------------

    /** The KCS default, but the public and partners also see not yet validated articles, agents only their own WIP. */
    private static final VisibilityPolicy WIDER = (viewer, archived) -> {
        Visibility base = VisibilityPolicy.kcsDefault().visibleTo(viewer, archived);
        var grants = new HashSet<Visibility.Grant>();
        for (Visibility.Grant grant : base.grants()) {
            grants.add(
                    grant.state() == ArticleState.WORK_IN_PROGRESS
                            ? new Visibility.Grant(grant.state(), grant.audience(), true)
                            : grant);
        }
        if (viewer instanceof Viewer.Public || viewer instanceof Viewer.Partner) {
            grants.add(new Visibility.Grant(ArticleState.NOT_VALIDATED, Audience.PUBLIC, false));
        }
        if (viewer instanceof Viewer.Partner) {
            grants.add(new Visibility.Grant(ArticleState.NOT_VALIDATED, Audience.PARTNER, false));
        }
        return new Visibility(viewer, grants);
    };

    /** Random grants per viewer id, some own-only; archived ones only when asked, as a policy must. */
    private static VisibilityPolicy randomPolicy(Random random) {
        Map<String, Set<Visibility.Grant>> rules = new HashMap<>();
        for (Viewer viewer : VIEWERS) {
            var grants = new HashSet<Visibility.Grant>();
            for (ArticleState state : ArticleState.values()) {
                for (Audience audience : Audience.values()) {
                    if (random.nextInt(3) == 0) {
                        grants.add(new Visibility.Grant(state, audience, random.nextBoolean()));
                    }
                }
            }
            rules.put(viewer.getClass().getSimpleName() + ":" + viewer.id(), Set.copyOf(grants));
        }
        return (viewer, archived) -> new Visibility(
                viewer,
                rules.getOrDefault(viewer.getClass().getSimpleName() + ":" + viewer.id(), Set.of()).stream()
                        .filter(grant -> archived || grant.state() != ArticleState.ARCHIVED)
                        .collect(Collectors.toSet()));
    }

    @Test
    void visibility_underTheDefaultPolicy_nothingRevealsAnInvisibleArticle() {
        checkVisibility(VisibilityPolicy.kcsDefault(), "default policy");
    }

    @Test
    void visibility_underAWiderPolicyWithOwnOnlyGrants_nothingRevealsAnInvisibleArticle() {
        checkVisibility(WIDER, "wider policy");
    }

    @Test
    void visibility_underRandomGrants_nothingRevealsAnInvisibleArticle() {
        long seed = seed("random grants");
        checkVisibility(randomPolicy(new Random(seed ^ 0x5DEECE66DL)), "random grants of seed " + seed);
    }

    private void checkVisibility(VisibilityPolicy policy, String name) {
        long seed = seed("visibility, " + name);
        var random = new Random(seed);
        KnowledgeBase kb = open(policy);
        Map<ArticleId, String> markers = new LinkedHashMap<>();
        int count = 20 + random.nextInt(15);
        for (int i = 0; i < count; i++) {
            String marker = marker(random, i);
            Article article = capture(kb, random, marker);
            markers.put(article.id(), marker);
        }
        awaitSearchable(kb);
        List<AnsweredQuery> learned = learn(random, markers);
        engine().learnQueries(learned);
        String context = name + ", seed " + seed;
        checkVisibility(kb, random, policy, markers, learned, context);
        // Move articles between states, audiences and titles, then check again: no stale visibility.
        for (ArticleId id : markers.keySet()) {
            if (random.nextInt(3) == 0) {
                Article current = kb.article(id).orElseThrow();
                // The KCS lifecycle: an archived article comes back as NOT_VALIDATED.
                ArticleState state = current.state() == ArticleState.ARCHIVED
                        ? ArticleState.NOT_VALIDATED
                        : random.nextInt(5) == 0
                                ? ArticleState.ARCHIVED
                                : current.state() == ArticleState.VALIDATED
                                        ? ArticleState.NOT_VALIDATED
                                        : ArticleState.VALIDATED;
                var update = Update.of(current.revision()).state(state).audience(Audience.values()[random.nextInt(3)]);
                if (random.nextBoolean()) {
                    update = update.content(current.content().withTitle(words(random, 2) + " " + markers.get(id)));
                }
                kb.update(ADMIN, id, update);
            }
        }
        awaitSearchable(kb);
        checkVisibility(kb, random, policy, markers, learned, context + ", after moves");
    }

    private static Article capture(KnowledgeBase kb, Random random, String marker) {
        String body = words(random, 6) + " " + marker + " " + words(random, 6);
        var content = ArticleContent.of(words(random, 2) + " " + marker, body)
                .withResolution(words(random, 5))
                .withLanguage(random.nextBoolean() ? Locale.GERMAN : Locale.ENGLISH)
                .withEnvironment(new Environment(
                        Map.of(
                                "product",
                                PRODUCTS.get(random.nextInt(PRODUCTS.size())),
                                "version",
                                "v" + random.nextInt(3)),
                        ""))
                .withTags(Set.of("cat" + random.nextInt(4)));
        Actor author = Actor.administrator(AUTHORS.get(random.nextInt(AUTHORS.size())));
        Article article = kb.capture(
                author,
                Draft.of(content)
                        .withState(ArticleState.values()[random.nextInt(3)])
                        .withAudience(Audience.values()[random.nextInt(3)]));
        if (random.nextInt(6) == 0) {
            article =
                    kb.update(ADMIN, article.id(), Update.of(article.revision()).state(ArticleState.ARCHIVED));
        }
        return article;
    }

    /** Answered queries naming each article's marker, of random audiences, as the knowledge base teaches them. */
    private static List<AnsweredQuery> learn(Random random, Map<ArticleId, String> markers) {
        var learned = new ArrayList<AnsweredQuery>();
        markers.forEach((id, marker) -> {
            if (random.nextBoolean()) {
                learned.add(new AnsweredQuery(
                        words(random, 1) + " " + marker,
                        Locale.ROOT,
                        Audience.values()[random.nextInt(3)],
                        id,
                        5,
                        5,
                        Instant.parse("2026-01-01T00:00:00Z")));
            }
        });
        return learned;
    }

    private void checkVisibility(
            KnowledgeBase kb,
            Random random,
            VisibilityPolicy policy,
            Map<ArticleId, String> markers,
            List<AnsweredQuery> learned,
            String context) {
        Map<ArticleId, Article> articles = new HashMap<>();
        Map<String, ArticleId> byMarker = new HashMap<>();
        markers.forEach((id, marker) -> {
            articles.put(id, kb.article(id).orElseThrow());
            byMarker.put(marker, id);
        });
        var queries = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            queries.add(words(random, 1 + random.nextInt(3)));
        }
        var sample = new ArrayList<>(markers.keySet());
        java.util.Collections.shuffle(sample, random);
        sample = new ArrayList<>(sample.subList(0, Math.min(10, sample.size())));
        for (ArticleId id : sample) {
            queries.add(markers.get(id));
        }
        for (Viewer viewer : VIEWERS) {
            for (boolean archived : new boolean[] {false, true}) {
                Visibility visibility = policy.visibleTo(viewer, archived);
                for (String query : queries) {
                    String where = context + ", query '" + query + "', viewer " + viewer + ", archived " + archived;
                    ArticleId own = byMarker.get(query);
                    SearchResult result = kb.search(SearchRequest.builder(query, viewer)
                            .language(
                                    own == null
                                            ? Locale.GERMAN
                                            : articles.get(own).language())
                            .limit(SearchRequest.MAX_LIMIT)
                            .includeArchived(archived)
                            .facets(true)
                            .build());
                    checkHits(result.hits(), visibility, articles, markers, where);
                    if (own != null) {
                        assertThat(ids(result.hits()))
                                .as(where + ": the article of this unique word is found exactly when visible")
                                .matches(hits -> hits.contains(own) == visibility.permits(articles.get(own)));
                    }
                    if (result.hits().size() < SearchRequest.MAX_LIMIT) {
                        assertThat(result.totalExact()).as(where).isTrue();
                        assertThat(result.totalHits())
                                .as(where + ": the total counts the visible hits only")
                                .isEqualTo(result.hits().size());
                        assertThat(facets(result))
                                .as(where + ": facets count the visible hits only")
                                .isEqualTo(expectedFacets(ids(result.hits()), articles));
                    }
                    result.facets().forEach((dimension, counts) -> assertThat(counts)
                            .as(where + ": facet " + dimension + " sorted by count")
                            .isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count())));
                }
                if (archived) {
                    continue;
                }
                checkSuggestions(kb, random, viewer, visibility, markers, byMarker, articles, learned, context);
                for (ArticleId id : sample) {
                    String where = context + ", related to " + id + ", viewer " + viewer;
                    List<SearchHit> related = engine().related(id, visibility, 20);
                    assertThat(ids(related))
                            .as(where + ": without the article itself")
                            .doesNotContain(id);
                    checkHits(related, visibility, articles, markers, where);
                    List<SearchHit> viaKb = kb.related(id, viewer, 20);
                    Article source = articles.get(id);
                    if (!policy.visibleTo(viewer, source.state() == ArticleState.ARCHIVED)
                            .permits(source)) {
                        assertThat(viaKb)
                                .as(where + ": of an invisible article")
                                .isEmpty();
                    }
                    checkHits(viaKb, visibility, articles, markers, where);
                }
            }
        }
        // Similar articles: an agent sees archived ones too; a copy of a visible article finds it.
        for (Viewer viewer : VIEWERS) {
            if (!(viewer instanceof Viewer.Agent agent)) {
                continue;
            }
            Visibility visibility = policy.visibleTo(viewer, true);
            for (ArticleId id : sample.subList(0, Math.min(5, sample.size()))) {
                Article copied = articles.get(id);
                String where = context + ", similar to " + id + ", actor " + agent.actor();
                List<SimilarArticle> similar = kb.similar(agent.actor(), Draft.of(copied.content()), 10);
                for (SimilarArticle s : similar) {
                    Article article = articles.get(s.id());
                    assertThat(article).as(where + ": a known article " + s).isNotNull();
                    assertThat(visibility.permits(article))
                            .as(where + ": " + s + " is visible")
                            .isTrue();
                    assertThat(s.state()).as(where).isEqualTo(article.state());
                    assertThat(s.title()).as(where).isEqualTo(article.title());
                }
                if (visibility.permits(copied)) {
                    assertThat(similar)
                            .as(where + ": the visible original of a copy")
                            .extracting(SimilarArticle::id)
                            .contains(id);
                }
            }
        }
    }

    /** Every hit is visible, shows the article as the store has it, and its snippet no other article's marker. */
    private static void checkHits(
            List<SearchHit> hits,
            Visibility visibility,
            Map<ArticleId, Article> articles,
            Map<ArticleId, String> markers,
            String where) {
        assertThat(ids(hits)).as(where + ": each hit once").doesNotHaveDuplicates();
        for (SearchHit hit : hits) {
            Article article = articles.get(hit.id());
            assertThat(article).as(where + ": a known article " + hit.id()).isNotNull();
            assertThat(visibility.permits(article))
                    .as(where + ": hit " + hit.id() + " (" + article.state() + ", " + article.audience() + ", by "
                            + article.author() + ") is visible")
                    .isTrue();
            assertThat(List.<Object>of(hit.state(), hit.audience(), hit.revision(), hit.title()))
                    .as(where + ": hit " + hit.id() + " as the store has it")
                    .isEqualTo(
                            List.<Object>of(article.state(), article.audience(), article.revision(), article.title()));
            markers.forEach((id, marker) -> {
                if (!id.equals(hit.id())) {
                    assertThat(hit.snippet())
                            .as(where + ": snippet of " + hit.id())
                            .doesNotContain(marker);
                }
            });
        }
    }

    private void checkSuggestions(
            KnowledgeBase kb,
            Random random,
            Viewer viewer,
            Visibility visibility,
            Map<ArticleId, String> markers,
            Map<String, ArticleId> byMarker,
            Map<ArticleId, Article> articles,
            List<AnsweredQuery> learned,
            String context) {
        var typed = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            typed.add(word.substring(0, 1 + random.nextInt(word.length())));
        }
        var markerList = new ArrayList<>(markers.values());
        for (int i = 0; i < 6; i++) {
            String marker = markerList.get(random.nextInt(markerList.size()));
            typed.add(i % 2 == 0 ? marker : marker.substring(0, 3 + random.nextInt(marker.length() - 3)));
        }
        typed.add(words(random, 1) + " " + markerList.get(random.nextInt(markerList.size())));
        for (String prefix : typed) {
            String where = context + ", typed '" + prefix + "', viewer " + viewer;
            List<Suggestion> suggestions = kb.suggest(prefix, viewer, 20);
            assertThat(suggestions).as(where).hasSizeLessThanOrEqualTo(20);
            for (Suggestion suggestion : suggestions) {
                ArticleId source = null;
                for (String word : suggestion.text().split(" ")) {
                    source = source != null ? source : byMarker.get(word.toLowerCase(Locale.ROOT));
                }
                assertThat(source).as(where + ": traceable " + suggestion).isNotNull();
                Article article = articles.get(source);
                if (suggestion.kind() == Suggestion.Kind.TITLE) {
                    assertThat(visibility.permits(article))
                            .as(where + ": " + suggestion + " of " + article)
                            .isTrue();
                    assertThat(suggestion.article()).as(where).contains(source);
                    assertThat(suggestion.text()).as(where).isEqualTo(article.title());
                } else {
                    // A learned query: only to its audience, and only when an article it answered is visible.
                    boolean answered = learned.stream()
                            .anyMatch(a -> a.audience() == viewer.audience()
                                    && a.query().equalsIgnoreCase(suggestion.text())
                                    && visibility.permits(articles.get(a.article())));
                    boolean shownAsQueryOfVisibleTitle =
                            visibility.permits(article) && suggestion.text().equalsIgnoreCase(article.title());
                    assertThat(answered || shownAsQueryOfVisibleTitle)
                            .as(where + ": " + suggestion + " answered by a visible article for " + viewer.audience())
                            .isTrue();
                }
            }
            ArticleId own = byMarker.get(prefix);
            if (own != null) {
                assertThat(suggestions.stream()
                                .anyMatch(s -> s.kind() == Suggestion.Kind.TITLE
                                        && s.article().equals(Optional.of(own))))
                        .as(where + ": the title of this unique word is suggested exactly when visible")
                        .isEqualTo(visibility.permits(articles.get(own)));
            }
        }
    }

    private static Map<String, Map<String, Long>> facets(SearchResult result) {
        var facets = new HashMap<String, Map<String, Long>>();
        result.facets().forEach((dimension, counts) -> {
            if (!counts.isEmpty()) {
                facets.put(dimension, counts.stream().collect(Collectors.toMap(FacetCount::value, FacetCount::count)));
            }
        });
        return facets;
    }

    private static Map<String, Map<String, Long>> expectedFacets(List<ArticleId> hits, Map<ArticleId, Article> all) {
        var facets = new HashMap<String, Map<String, Long>>();
        for (ArticleId id : hits) {
            Article a = all.get(id);
            count(facets, "product", a.environment().product().orElseThrow());
            count(facets, "version", a.environment().version().orElseThrow());
            a.content().tags().forEach(t -> count(facets, "category", t));
            count(facets, "state", a.state().name());
            count(facets, "language", a.language().toLanguageTag());
        }
        return facets;
    }

    private static void count(Map<String, Map<String, Long>> facets, String dimension, String value) {
        facets.computeIfAbsent(dimension, d -> new HashMap<>()).merge(value, 1L, Long::sum);
    }

    // ---- Paging ----------------------------------------------------------------------------------------------

    /**
     * A knowledge base with {@code 3 * perGroup} articles that match "drucker" in three groups of exactly equal
     * scores (same text, same time), half of them public, and some that do not match.
     */
    private KnowledgeBase pagingKnowledgeBase(int perGroup) {
        KnowledgeBase kb = open(
                ArticleStores.inMemory(),
                VisibilityPolicy.kcsDefault(),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < 3 * perGroup; i++) {
            int group = i % 3;
            String issue =
                    ("Der Drucker druckt nicht. ".repeat(group + 1) + "Bitte warten. ".repeat(3 - group)).strip();
            kb.capture(
                    ADMIN,
                    Draft.of(ArticleContent.of("Drucker Problem", issue)
                                    .withResolution("Treiber neu installieren.")
                                    .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11"))
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(i % 2 == 0 ? Audience.PUBLIC : Audience.INTERNAL));
        }
        for (int i = 0; i < 5; i++) {
            kb.capture(
                    ADMIN,
                    Draft.of(ArticleContent.of("Netzwerk langsam", "Das Netzwerk ist langsam.")
                                    .withResolution("Router neu starten.")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
        }
        awaitSearchable(kb);
        return kb;
    }

    private static SearchRequest.Builder pagingRequest(Viewer viewer) {
        return SearchRequest.builder("drucker", viewer).language(Locale.GERMAN);
    }

    // ---- No dead ends ----------------------------------------------------------------------------------------

    /**
     * A knowledge base where "login" and "torn" are in public articles, "token" only in internal ones (more of them
     * than hold "torn"), and "modem" only in a public article still in progress.
     */
    private KnowledgeBase relaxationKnowledgeBase() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        relaxationArticle(kb, "How do I sign in", "The login page rejects my password.", Audience.PUBLIC);
        relaxationArticle(kb, "Network cable torn", "The cable is torn at the plug.", Audience.PUBLIC);
        relaxationArticle(kb, "Printer driver fails", "The printer driver stopped working.", Audience.PUBLIC);
        relaxationArticle(kb, "Token renewal", "Renew the token in the admin console.", Audience.INTERNAL);
        relaxationArticle(kb, "Token expiry", "The token expires after a day.", Audience.INTERNAL);
        kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of("Modem resets", "The modem resets at night.")
                                .withResolution("Replace it.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.WORK_IN_PROGRESS)
                        .withAudience(Audience.PUBLIC));
        awaitSearchable(kb);
        return kb;
    }

    private static void relaxationArticle(KnowledgeBase kb, String title, String issue, Audience audience) {
        kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Reinstall it.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    private static List<String> titles(SearchResult result) {
        return result.hits().stream().map(SearchHit::title).toList();
    }

    @Test
    void noDeadEnds_aFourLetterTypoBesideStopwords_showsTheResultsOfTheCorrectedQuery_andSaysSo() {
        KnowledgeBase kb = relaxationKnowledgeBase();
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.partner("partner-1"), Viewer.agent(ADMIN))) {
            SearchResult result = kb.search(SearchRequest.of("how do i logn", viewer));
            assertThat(titles(result)).as(viewer.toString()).contains("How do I sign in");
            assertThat(result.relaxation())
                    .as(viewer.toString())
                    .contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "how do i login"));
        }
        SearchResult asTyped = kb.search(SearchRequest.of("how do i login", Viewer.anonymous()));
        assertThat(titles(asTyped)).contains("How do I sign in");
        assertThat(asTyped.relaxation())
                .as("a query that finds something is not relaxed")
                .isEmpty();
    }

    @Test
    void noDeadEnds_wordsNoVisibleArticleHolds_areDropped_andTheRestIsSearched() {
        KnowledgeBase kb = relaxationKnowledgeBase();
        SearchResult result = kb.search(SearchRequest.of("how do i frobnicate", Viewer.anonymous()));
        assertThat(titles(result)).contains("How do I sign in");
        assertThat(result.relaxation()).contains(new Relaxation(Relaxation.Kind.DROPPED_UNKNOWN_WORDS, "how do i"));
        SearchResult nothing = kb.search(SearchRequest.of("frobnicate zyxxyq", Viewer.anonymous()));
        assertThat(nothing.totalHits()).as("nothing left to search").isZero();
        assertThat(nothing.relaxation()).isEmpty();
    }

    @Test
    void noDeadEnds_aQueryOfStopwordsOnly_findsTheArticlesThatHoldThem() {
        KnowledgeBase kb = relaxationKnowledgeBase();
        assertThat(titles(kb.search(SearchRequest.of("how do i", Viewer.anonymous()))))
                .contains("How do I sign in");
    }

    @Test
    void noDeadEnds_aRelaxationNeverComesFromAnArticleTheViewerMayNotSee() {
        KnowledgeBase kb = relaxationKnowledgeBase();
        // "tokn" is one edit from "torn" (one public article) and from "token" (two internal ones): by index-wide
        // frequencies "token" would be the correction, and its search would find nothing the viewer may see.
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.partner("partner-1"))) {
            SearchResult result = kb.search(SearchRequest.of("tokn", viewer));
            assertThat(titles(result)).as(viewer.toString()).containsExactly("Network cable torn");
            assertThat(result.relaxation())
                    .as(viewer.toString())
                    .contains(new Relaxation(Relaxation.Kind.CORRECTED_TYPOS, "torn"));
            // Only an article in progress holds "modem": "mdem" finds nothing, and nothing is said about it.
            SearchResult wip = kb.search(SearchRequest.of("mdem", viewer));
            assertThat(wip.totalHits()).as(viewer + ": mdem").isZero();
            assertThat(wip.relaxation()).as(viewer + ": mdem").isEmpty();
            assertThat(wip.didYouMean()).as(viewer + ": mdem").isEmpty();
        }
        // An agent may see the internal articles: "tokn" finds them.
        SearchResult agent = kb.search(SearchRequest.of("tokn", Viewer.agent(ADMIN)));
        assertThat(titles(agent)).containsAnyOf("Token renewal", "Token expiry");
        assertThat(agent.relaxation()).map(Relaxation::kind).contains(Relaxation.Kind.CORRECTED_TYPOS);
    }

    // ---- Cross-language help ---------------------------------------------------------------------------------

    /**
     * A knowledge base of both languages: one issue documented in German and in English (translations), one issue
     * documented only in English, and one only in German.
     */
    private KnowledgeBase bilingualKnowledgeBase() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        bilingualArticle(
                kb,
                "VPN trennt nach Windows-Update",
                "Nach dem Windows-Update trennt der VPN-Client die Verbindung mit Fehler 809.",
                "Installieren Sie den VPN-Client neu.",
                Locale.GERMAN);
        bilingualArticle(
                kb,
                "VPN disconnects after Windows update",
                "After the Windows update the VPN client drops the connection with error 809.",
                "Reinstall the VPN client.",
                Locale.ENGLISH);
        bilingualArticle(
                kb,
                "Blue screen after Windows update",
                "The laptop shows a blue screen after the Windows update and restarts.",
                "Roll the update back in safe mode.",
                Locale.ENGLISH);
        bilingualArticle(
                kb,
                "Drucker druckt nicht",
                "Der Druckauftrag hängt in der Warteschlange.",
                "Starten Sie den Druckerwarteschlangendienst neu.",
                Locale.GERMAN);
        awaitSearchable(kb);
        return kb;
    }

    private static void bilingualArticle(KnowledgeBase kb, String title, String issue, String resolution, Locale in) {
        kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution(resolution)
                                .withLanguage(in))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    private static Map<String, Locale> languages(SearchResult result) {
        var languages = new LinkedHashMap<String, Locale>();
        result.hits().forEach(hit -> languages.put(hit.title(), hit.language()));
        return languages;
    }

    @Test
    void crossLanguage_aQueryFindsItsLanguagesVersionFirst_andAnIssueOnlyTheOtherLanguageDocuments_markedWithIt() {
        KnowledgeBase kb = bilingualKnowledgeBase();
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            SearchResult german = kb.search(SearchRequest.builder("VPN trennt nach Windows-Update", viewer)
                    .language(Locale.GERMAN)
                    .build());
            assertThat(titles(german))
                    .as(viewer + ": German query")
                    .first()
                    .isEqualTo("VPN trennt nach Windows-Update");
            assertThat(languages(german))
                    .as(viewer + ": the translation and the issue documented only in English are found, marked English")
                    .containsEntry("VPN trennt nach Windows-Update", Locale.GERMAN)
                    .containsEntry("VPN disconnects after Windows update", Locale.ENGLISH)
                    .containsEntry("Blue screen after Windows update", Locale.ENGLISH)
                    .doesNotContainKey("Drucker druckt nicht");
            assertThat(german.totalHits()).as(viewer + ": German query total").isEqualTo(3);

            SearchResult english = kb.search(SearchRequest.builder("VPN disconnects after Windows update", viewer)
                    .language(Locale.ENGLISH)
                    .build());
            assertThat(titles(english))
                    .as(viewer + ": English query")
                    .first()
                    .isEqualTo("VPN disconnects after Windows update");
            assertThat(languages(english))
                    .as(viewer + ": English query")
                    .containsEntry("VPN trennt nach Windows-Update", Locale.GERMAN);

            // A language no article is written in (French, the language-neutral block) finds both languages' articles.
            SearchResult french = kb.search(SearchRequest.builder("VPN Windows 809", viewer)
                    .language(Locale.FRENCH)
                    .build());
            assertThat(languages(french))
                    .as(viewer + ": a French query")
                    .containsEntry("VPN trennt nach Windows-Update", Locale.GERMAN)
                    .containsEntry("VPN disconnects after Windows update", Locale.ENGLISH);

            SearchResult onlyGerman = kb.search(SearchRequest.builder("druckt nicht", viewer)
                    .language(Locale.ENGLISH)
                    .build());
            assertThat(languages(onlyGerman))
                    .as(viewer + ": an English query for an issue documented only in German")
                    .containsExactly(Map.entry("Drucker druckt nicht", Locale.GERMAN));
        }
    }

    @Test
    void crossLanguage_theLanguagesFilter_staysStrict() {
        KnowledgeBase kb = bilingualKnowledgeBase();
        SearchResult result = kb.search(SearchRequest.builder("VPN trennt nach Windows-Update", Viewer.anonymous())
                .language(Locale.GERMAN)
                .languages(Set.of(Locale.GERMAN))
                .facets(true)
                .build());
        assertThat(languages(result)).containsOnlyKeys("VPN trennt nach Windows-Update");
        assertThat(result.totalHits()).isEqualTo(1);
        assertThat(result.facets().get("language")).containsExactly(new FacetCount("de", 1));
    }

    // ---- The asker's context ---------------------------------------------------------------------------------

    /**
     * One issue documented for three platforms (the same words, each article with its product), one without any
     * environment attributes, an unrelated article, and an internal article for Windows 11 that the public may not
     * see.
     */
    private KnowledgeBase platformKnowledgeBase() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        for (String product : List.of("Windows 11", "macOS", "Ubuntu")) {
            platformArticle(
                    kb,
                    "Printer does not print on " + product,
                    Environment.of(product, "1", "Office laptops"),
                    Audience.PUBLIC);
        }
        platformArticle(kb, "Printer does not print after moving desks", Environment.empty(), Audience.PUBLIC);
        kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of("VPN drops the connection", "The VPN client disconnects every hour.")
                                .withResolution("Renew the certificate.")
                                .withEnvironment(new Environment(Map.of("product", "Windows 11"), ""))
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        platformArticle(
                kb,
                "Printer does not print on Windows 11 (driver notes)",
                new Environment(Map.of("product", "Windows 11", "platform", "x64"), ""),
                Audience.INTERNAL);
        awaitSearchable(kb);
        return kb;
    }

    private static void platformArticle(KnowledgeBase kb, String title, Environment environment, Audience audience) {
        kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of(title, "The printer does not print; print jobs stay in the queue.")
                                .withResolution("Clear the print queue and restart the print spooler.")
                                .withEnvironment(environment)
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    private static SearchRequest.Builder printerSearch(Viewer viewer) {
        return SearchRequest.builder("printer does not print", viewer)
                .language(Locale.ENGLISH)
                .facets(true);
    }

    private static List<ArticleId> ids(SearchResult result) {
        return result.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void context_ranksTheArticleForTheAskersEnvironmentFirst_withoutHidingTheOthers() {
        KnowledgeBase kb = platformKnowledgeBase();
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            SearchResult plain = kb.search(printerSearch(viewer).build());
            assertThat(plain.totalHits()).as(viewer + ": without context").isGreaterThanOrEqualTo(4);
            for (String product : List.of("Windows 11", "macOS", "Ubuntu")) {
                SearchResult asked = kb.search(printerSearch(viewer)
                        .context("product", product.toUpperCase(Locale.ROOT))
                        .build());
                assertThat(titles(asked))
                        .as(viewer + ": an asker on " + product + " (values compare without regard to case)")
                        .first()
                        .isEqualTo("Printer does not print on " + product);
                assertThat(ids(asked))
                        .as(viewer + ": context on " + product + " hides nothing")
                        .containsExactlyInAnyOrderElementsOf(ids(plain));
                assertThat(asked.totalHits()).as(viewer + ": total").isEqualTo(plain.totalHits());
                assertThat(asked.facets()).as(viewer + ": facets").isEqualTo(plain.facets());
            }
            // The environment of a case, as an agent's help desk holds it.
            SearchResult fromCase = kb.search(printerSearch(viewer)
                    .context(Environment.of("Windows 11", "1", "HP LaserJet on the third floor"))
                    .explain(true)
                    .build());
            SearchHit first = fromCase.hits().getFirst();
            assertThat(first.title())
                    .as(viewer + ": context from a case")
                    .startsWith("Printer does not print on Windows");
            assertThat(first.explanation())
                    .as(viewer + ": the explanation states the shared attributes")
                    .hasValueSatisfying(explanation -> assertThat(explanation)
                            .containsIgnoringCase("product=windows 11")
                            .containsIgnoringCase("version=1"));
        }
    }

    @Test
    void context_neverRevealsOrCountsAnArticleTheViewerMayNotSee() {
        KnowledgeBase kb = platformKnowledgeBase();
        SearchResult plain = kb.search(printerSearch(Viewer.anonymous()).build());
        SearchResult asked = kb.search(printerSearch(Viewer.anonymous())
                .context("product", "Windows 11")
                .context("platform", "x64")
                .build());
        assertThat(titles(asked)).doesNotContain("Printer does not print on Windows 11 (driver notes)");
        assertThat(ids(asked)).containsExactlyInAnyOrderElementsOf(ids(plain));
        assertThat(asked.totalHits()).isEqualTo(plain.totalHits());
        assertThat(asked.facets()).isEqualTo(plain.facets());
        assertThat(asked.facets().get("product")).contains(new FacetCount("Windows 11", 1));

        SearchResult agent = kb.search(printerSearch(Viewer.agent(ADMIN))
                .context("product", "Windows 11")
                .context("platform", "x64")
                .build());
        assertThat(titles(agent))
                .as("an agent, who may see it, finds the internal article sharing product and platform first")
                .first()
                .isEqualTo("Printer does not print on Windows 11 (driver notes)");
        assertThat(agent.totalHits()).isEqualTo(plain.totalHits() + 1);
    }

    @Test
    void context_thatNoArticleShares_changesNothing() {
        KnowledgeBase kb = platformKnowledgeBase();
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            SearchResult plain = kb.search(printerSearch(viewer).build());
            SearchResult asked = kb.search(printerSearch(viewer)
                    .context("product", "Solaris")
                    .context("version", "1")
                    .context("platform", "sparc")
                    .build());
            assertThat(ids(asked)).as(viewer + ": order").containsExactlyElementsOf(ids(plain));
            assertThat(asked.hits().stream().map(SearchHit::score).toList())
                    .as(viewer + ": scores")
                    .containsExactlyElementsOf(
                            plain.hits().stream().map(SearchHit::score).toList());
            assertThat(asked.totalHits()).isEqualTo(plain.totalHits());
            assertThat(asked.facets()).isEqualTo(plain.facets());
        }
    }

    @Test
    void context_aSharedVersionCounts_onlyWithTheProduct_orOnArticlesWithoutOne() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        // The same text everywhere, and environments of the same length: only the context tells them apart.
        Map<String, ArticleId> ids = new LinkedHashMap<>();
        Map<String, Environment> environments = Map.of(
                "print-2", Environment.of("Acme Print", "2", ""),
                "scan-2", Environment.of("Acme Scan", "2", ""),
                "scan-3", Environment.of("Acme Scan", "3", ""),
                "none-2", new Environment(Map.of("version", "2"), ""),
                "none-3", new Environment(Map.of("version", "3"), ""));
        environments.forEach((name, environment) -> ids.put(
                name,
                kb.capture(
                                ADMIN,
                                Draft.of(ArticleContent.of("Paper jam in the tray", "The paper jams in the tray.")
                                                .withResolution("Open the tray and remove the paper.")
                                                .withEnvironment(environment)
                                                .withLanguage(Locale.ENGLISH))
                                        .withState(ArticleState.VALIDATED)
                                        .withAudience(Audience.PUBLIC))
                        .id()));
        awaitSearchable(kb);
        SearchResult result = kb.search(SearchRequest.builder("paper jam", Viewer.anonymous())
                .language(Locale.ENGLISH)
                .context("product", "acme print")
                .context("version", "2")
                .build());
        Map<ArticleId, Float> scores = new HashMap<>();
        result.hits().forEach(hit -> scores.put(hit.id(), hit.score()));
        assertThat(scores).hasSize(5);
        java.util.function.BiFunction<String, String, Double> ratio =
                (a, b) -> (double) scores.get(ids.get(a)) / scores.get(ids.get(b));
        assertThat(ratio.apply("print-2", "scan-3"))
                .as("product and version shared")
                .isCloseTo(ContextBoost.factor(true, 1), org.assertj.core.data.Offset.offset(0.01));
        assertThat(ratio.apply("scan-2", "scan-3"))
                .as("the version of another product")
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ratio.apply("none-2", "none-3"))
                .as("the version of an article without a product")
                .isCloseTo(ContextBoost.factor(false, 1), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void paging_offsetsAndCursors_followOneTotalOrder_withoutDuplicatesOrGaps_amongEqualScores() {
        long seed = seed("paging");
        var random = new Random(seed);
        KnowledgeBase kb = pagingKnowledgeBase(20);
        for (Viewer viewer : List.of(Viewer.agent(ADMIN), Viewer.anonymous())) {
            SearchResult all = kb.search(
                    pagingRequest(viewer).limit(SearchRequest.MAX_LIMIT).build());
            String context = "seed " + seed + ", viewer " + viewer;
            assertThat(all.totalExact()).as(context).isTrue();
            assertThat(all.totalHits())
                    .as(context)
                    .isEqualTo(all.hits().size())
                    .isEqualTo(viewer instanceof Viewer.Agent ? 60 : 30);
            List<ArticleId> order = ids(all.hits());
            assertThat(order).as(context).doesNotHaveDuplicates();
            var sizes = new ArrayList<>(List.of(1, 7, 10, 11, 12));
            sizes.add(2 + random.nextInt(30));
            for (int size : sizes) {
                String where = context + ", page size " + size;
                // Offsets.
                var byOffset = new ArrayList<ArticleId>();
                for (int offset = 0; offset < order.size(); offset += size) {
                    SearchResult page = kb.search(
                            pagingRequest(viewer).limit(size).offset(offset).build());
                    assertThat(page.totalHits())
                            .as(where + ", offset " + offset)
                            .isEqualTo(all.totalHits());
                    assertThat(page.hits()).as(where + ", offset " + offset).isNotEmpty();
                    byOffset.addAll(ids(page.hits()));
                }
                assertThat(byOffset).as(where + ": offset pages").isEqualTo(order);
                // Cursors, twice: the same pages again.
                List<ArticleId> byCursor =
                        cursorPages(kb, pagingRequest(viewer).limit(size).build(), where);
                assertThat(byCursor).as(where + ": cursor pages").isEqualTo(order);
                assertThat(cursorPages(kb, pagingRequest(viewer).limit(size).build(), where))
                        .as(where + ": cursor pages repeated")
                        .isEqualTo(order);
                // A cursor continues an offset page.
                int offset = 1 + random.nextInt(order.size() - 1);
                List<ArticleId> fromOffset = cursorPages(
                        kb, pagingRequest(viewer).limit(size).offset(offset).build(), where);
                assertThat(fromOffset)
                        .as(where + ": cursor pages after offset " + offset)
                        .isEqualTo(order.subList(offset, order.size()));
            }
        }
    }

    private static List<ArticleId> cursorPages(KnowledgeBase kb, SearchRequest first, String where) {
        var ids = new ArrayList<ArticleId>();
        SearchRequest request = first;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as(where + ": pages end").isLessThan(200);
            SearchResult page = kb.search(request);
            ids.addAll(ids(page.hits()));
            if (page.nextPage().isEmpty()) {
                return ids;
            }
            assertThat(page.hits())
                    .as(where + ": a page with a next page is full")
                    .hasSize(first.limit());
            request = request.next(page);
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void paging_cursorsNotIssued_areRefusedWithInvalidInput_andTamperedOnes_neverRevealAnything() {
        long seed = seed("tampered cursors");
        var random = new Random(seed);
        KnowledgeBase kb = pagingKnowledgeBase(10);
        Map<ArticleId, Article> articles = new HashMap<>();
        for (SearchHit hit :
                kb.search(pagingRequest(Viewer.agent(ADMIN)).limit(100).build()).hits()) {
            articles.put(hit.id(), kb.article(hit.id()).orElseThrow());
        }
        Visibility publicVisibility = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
        SearchResult first =
                kb.search(pagingRequest(Viewer.anonymous()).limit(3).build());
        String genuine = first.nextPage().orElseThrow();
        SearchResult deep =
                kb.search(pagingRequest(Viewer.agent(ADMIN)).limit(12).build());
        deep = kb.search(pagingRequest(Viewer.agent(ADMIN)).limit(12).build().next(deep));
        String agentCursor = deep.nextPage().orElseThrow();

        var forged = new ArrayList<>(List.of(
                encode("AAA"),
                encode("hello"),
                encode("-1"),
                encode("\u001b[31mred\nWARN forged line"),
                encode("{\"offset\":-5}"),
                "A".repeat(SearchRequest.MAX_CURSOR_LENGTH),
                "_-_-_-_-"));
        for (int i = 0; i < 6; i++) {
            // At least 4 bytes (6 characters): a shorter cursor ("ng") may be part of any message's words.
            byte[] bytes = new byte[4 + random.nextInt(57)];
            random.nextBytes(bytes);
            forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        for (String cursor : forged) {
            String where = "seed " + seed + ", forged cursor " + cursor;
            try {
                kb.search(pagingRequest(Viewer.anonymous()).after(cursor).build());
                fail(where + ": accepted");
            } catch (InvalidInputException e) {
                assertThat(e.field()).as(where).isEqualTo("after");
                assertThat(e.getMessage()).as(where).doesNotContain(cursor).doesNotContain("\n");
            }
        }
        // Mutations of genuine cursors, and a cursor of another viewer's search: refused, or a page of what the
        // public may see.
        var mutated = new ArrayList<String>();
        for (String cursor : List.of(genuine, agentCursor)) {
            mutated.add(cursor);
            for (int i = 0; i < cursor.length(); i++) {
                mutated.add(cursor.substring(0, i));
                String alphabet = "AZaz09-_Qg".replace(String.valueOf(cursor.charAt(i)), "");
                char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
                mutated.add(cursor.substring(0, i) + replacement + cursor.substring(i + 1));
            }
        }
        for (String cursor : mutated) {
            String where = "seed " + seed + ", mutated cursor '" + cursor + "'";
            SearchRequest request;
            try {
                request =
                        pagingRequest(Viewer.anonymous()).limit(5).after(cursor).build();
            } catch (InvalidInputException e) {
                continue;
            }
            try {
                SearchResult page = kb.search(request);
                for (SearchHit hit : page.hits()) {
                    assertThat(publicVisibility.permits(articles.get(hit.id())))
                            .as(where + ": hit " + hit.id() + " is public")
                            .isTrue();
                }
            } catch (InvalidInputException e) {
                assertThat(e.field()).as(where).isEqualTo("after");
            }
        }
    }

    // ---- Near-real-time --------------------------------------------------------------------------------------

    @Test
    void nearRealTime_capturesRevisionsAndAudienceChanges_areSearchableWithinTheRefreshInterval() {
        ArticleStore store = sharedStore();
        KnowledgeBase kb = open(store, VisibilityPolicy.kcsDefault(), Clock.systemUTC());
        Duration bound = refreshInterval().plus(SLACK);
        Actor publisher = Actor.publisher("pub-1");
        for (int i = 0; i < 5; i++) {
            String marker = marker(new Random(i), i);
            long start = System.nanoTime();
            Article article = kb.capture(
                    publisher,
                    Draft.of(ArticleContent.of("Fehlercode " + marker, "Das Gerät zeigt " + marker + " an.")
                                    .withResolution("Neu starten.")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
            // Without waiting: a search that keeps asking sees it within the interval.
            if (i % 2 == 0) {
                awaitFound(kb, marker, Viewer.anonymous(), article.id(), start, bound);
            } else {
                assertThat(kb.awaitSearchable(bound))
                        .as("capture %s searchable within %s", i, bound)
                        .isTrue();
                assertThat(matching(kb.search(SearchRequest.of(marker, Viewer.anonymous()))
                                .hits()))
                        .as("right after awaitSearchable")
                        .containsExactly(article.id().value());
                assertThat(engine().searchableSequence())
                        .as("the searchable sequence after awaitSearchable")
                        .isGreaterThanOrEqualTo(store.lastSequence());
            }
            // A revision replaces the old words; an audience change hides it from the public, at once.
            String revised = marker(new Random(100 + i), 100 + i);
            long revisedAt = System.nanoTime();
            article = kb.revise(
                    publisher,
                    article.id(),
                    article.revision(),
                    article.content()
                            .withTitle("Fehlercode " + revised)
                            .withIssue("Das Gerät zeigt " + revised + " an."),
                    "revised");
            awaitFound(kb, revised, Viewer.anonymous(), article.id(), revisedAt, bound);
            assertThat(matching(kb.search(SearchRequest.of(marker, Viewer.anonymous()))
                            .hits()))
                    .as("the old words are gone with the revision")
                    .doesNotContain(article.id().value());
            kb.update(publisher, article.id(), Update.of(article.revision()).audience(Audience.INTERNAL));
            assertThat(kb.awaitSearchable(bound)).isTrue();
            assertThat(matching(kb.search(SearchRequest.of(revised, Viewer.anonymous()))
                            .hits()))
                    .as("hidden from the public after the audience change")
                    .doesNotContain(article.id().value());
            assertThat(matching(kb.search(SearchRequest.of(revised, Viewer.agent(publisher)))
                            .hits()))
                    .containsExactly(article.id().value());
        }
        // awaitSearchable is bounded: a sequence the store never reached is not waited for beyond the timeout.
        long start = System.nanoTime();
        assertThat(engine().awaitSearchable(engine().searchableSequence() + 1_000, Duration.ofMillis(300)))
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(300).plus(SLACK));
        assertThat(engine().awaitSearchable(0, Duration.ZERO)).isTrue();
    }

    private static void awaitFound(
            KnowledgeBase kb, String word, Viewer viewer, ArticleId id, long startNanos, Duration bound) {
        long deadline = startNanos + bound.toNanos();
        while (!matching(kb.search(SearchRequest.builder(word, viewer)
                                .language(Locale.GERMAN)
                                .build())
                        .hits())
                .contains(id.value())) {
            if (System.nanoTime() > deadline) {
                fail("'" + word + "' (" + id + ") not searchable within " + bound);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    // ---- Catch-up --------------------------------------------------------------------------------------------

    @Test
    void catchUp_anEngineOpenedAfterAClose_searchesWhatChangedMeanwhile() {
        catchUp(false);
    }

    @Test
    void catchUp_anEngineOpenedAfterACrash_searchesWhatChangedMeanwhile() {
        catchUp(true);
    }

    /**
     * An engine follows the store, is closed or crashes right after writes it may not have committed, more writes
     * happen while none follows, and a new engine (over the same directory, for persistent engines) must search
     * exactly what the store holds.
     */
    private void catchUp(boolean crash) {
        long seed = seed("catch-up" + (crash ? " after a crash" : ""));
        var random = new Random(seed);
        ArticleStore store = sharedStore();
        KnowledgeBase writer = writer(store);
        Actor publisher = Actor.publisher("pub-1");
        var markers = new LinkedHashMap<ArticleId, String>();
        Supplier<Article> capture = () -> {
            String marker = marker(random, markers.size());
            Article article = writer.capture(
                    publisher,
                    Draft.of(ArticleContent.of("Fehlercode " + marker, "Das Gerät zeigt " + marker + " an.")
                                    .withResolution("Neu starten.")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(Audience.PUBLIC));
            markers.put(article.id(), marker);
            return article;
        };
        SearchEngine first = openEngine(store, VisibilityPolicy.kcsDefault());
        boolean closed = false;
        try {
            for (int i = 0; i < 10; i++) {
                capture.get();
            }
            assertThat(first.awaitSearchable(store.lastSequence(), WAIT)).isTrue();
            // Written right before the close or crash: perhaps never committed by the first engine.
            for (int i = 0; i < 5; i++) {
                capture.get();
            }
            if (crash) {
                crash(first);
            } else {
                first.close();
            }
            closed = true;
        } finally {
            if (!closed) {
                first.close();
            }
        }
        // While no engine follows: captures, a revision, archiving, an audience change, a purge.
        for (int i = 0; i < 5; i++) {
            capture.get();
        }
        List<ArticleId> ids = new ArrayList<>(markers.keySet());
        ArticleId revised = ids.get(1);
        String revisedMarker = marker(random, 500);
        Article article = writer.article(revised).orElseThrow();
        writer.revise(
                publisher,
                revised,
                article.revision(),
                article.content()
                        .withTitle("Fehlercode " + revisedMarker)
                        .withIssue("Das Gerät zeigt " + revisedMarker + " an."),
                "revised");
        String oldMarker = markers.put(revised, revisedMarker);
        ArticleId archived = ids.get(2);
        writer.update(
                publisher,
                archived,
                Update.of(writer.article(archived).orElseThrow().revision()).state(ArticleState.ARCHIVED));
        ArticleId internal = ids.get(12);
        writer.update(
                publisher,
                internal,
                Update.of(writer.article(internal).orElseThrow().revision()).audience(Audience.INTERNAL));
        ArticleId purged = ids.get(3);
        writer.purge(Actor.administrator("admin"), purged, "contract: purged while no engine followed");

        SearchEngine second = openEngine(store, VisibilityPolicy.kcsDefault());
        toClose.add(second);
        assertThat(second.awaitSearchable(store.lastSequence(), WAIT)).isTrue();
        String context = "seed " + seed + (crash ? ", after a crash" : ", after a close");
        Visibility agent = VisibilityPolicy.kcsDefault().visibleTo(Viewer.agent(publisher), false);
        Visibility agentArchived = VisibilityPolicy.kcsDefault().visibleTo(Viewer.agent(publisher), true);
        Visibility anonymous = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
        markers.forEach((id, marker) -> {
            String where = context + ", " + id + " '" + marker + "'";
            boolean live = !id.equals(purged) && !id.equals(archived);
            // Found by its unique word exactly when it is searchable for the viewer; an absent word may be
            // corrected into another article's, so only the article's absence is checked then.
            List<String> forAgent = matching(searchEngine(second, marker, agent));
            assertThat(forAgent.contains(id.value())).as(where).isEqualTo(live);
            List<String> forPublic = matching(searchEngine(second, marker, anonymous));
            assertThat(forPublic.contains(id.value())).as(where + ", public").isEqualTo(live && !id.equals(internal));
            assertThat(forAgent).as(where).doesNotContain(purged.value(), archived.value());
            assertThat(forPublic).as(where).doesNotContain(purged.value(), archived.value(), internal.value());
            if (live) {
                assertThat(forAgent).as(where + ": once").containsOnlyOnce(id.value());
            }
        });
        assertThat(matching(searchEngine(second, markers.get(archived), agentArchived)))
                .as(context + ": archived, when asked")
                .containsExactly(archived.value());
        assertThat(matching(searchEngine(second, oldMarker, agent)))
                .as(context + ": the revised words")
                .doesNotContain(revised.value());
        assertThat(second.related(purged, agent, 5)).as(context + ": purged").isEmpty();
        assertThat(second.suggest(markers.get(purged), agent, 5))
                .as(context + ": purged")
                .noneMatch(s -> s.article().equals(Optional.of(purged)));
        for (ArticleId id : markers.keySet()) {
            assertThat(ids(second.related(id, agent, 20)))
                    .as(context + ": related to " + id)
                    .doesNotContain(purged, archived);
        }
    }

    private static List<SearchHit> searchEngine(SearchEngine engine, String text, Visibility visibility) {
        return engine.search(
                        SearchRequest.builder(text, visibility.viewer())
                                .language(Locale.GERMAN)
                                .includeArchived(
                                        visibility.grants().stream().anyMatch(g -> g.state() == ArticleState.ARCHIVED))
                                .build(),
                        visibility)
                .hits();
    }

    // ---- Rebuild ---------------------------------------------------------------------------------------------

    @Test
    void rebuild_searchesKeepFindingEverything_duringAndAfter() throws Exception {
        long seed = seed("rebuild");
        var random = new Random(seed);
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Actor publisher = Actor.publisher("pub-1");
        var markers = new ConcurrentHashMap<ArticleId, String>();
        var audiences = new ConcurrentHashMap<ArticleId, Audience>();
        for (int i = 0; i < 80; i++) {
            String marker = marker(random, i);
            Audience audience = i % 3 == 0 ? Audience.INTERNAL : Audience.PUBLIC;
            Article article = kb.capture(
                    publisher,
                    Draft.of(ArticleContent.of("Fehlercode " + marker, words(random, 8) + " " + marker)
                                    .withResolution(words(random, 4))
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED)
                            .withAudience(audience));
            markers.put(article.id(), marker);
            audiences.put(article.id(), audience);
        }
        awaitSearchable(kb);
        List<ArticleId> before = List.copyOf(markers.keySet());
        var stop = new AtomicBoolean();
        var failure = new AtomicReference<Throwable>();
        var searches = new AtomicInteger();
        Thread searcher = Thread.ofPlatform().name("contract-searcher").start(() -> {
            var local = new Random(seed + 1);
            try {
                while (!stop.get() || searches.get() < 20) {
                    ArticleId id = before.get(local.nextInt(before.size()));
                    String marker = markers.get(id);
                    assertThat(matching(kb.search(SearchRequest.builder(marker, Viewer.agent(publisher))
                                            .language(Locale.GERMAN)
                                            .build())
                                    .hits()))
                            .as("seed " + seed + ": during the rebuild, " + id)
                            .containsExactly(id.value());
                    assertThat(matching(kb.search(SearchRequest.builder(marker, Viewer.anonymous())
                                            .language(Locale.GERMAN)
                                            .build())
                                    .hits()))
                            .as("seed " + seed + ": during the rebuild, the public and " + id)
                            .matches(hits -> hits.contains(id.value()) == (audiences.get(id) == Audience.PUBLIC))
                            .allMatch(hit -> audiences.get(ArticleId.of(hit)) == Audience.PUBLIC);
                    searches.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            for (int round = 0; round < 2; round++) {
                kb.rebuildIndex();
                // Captured while (or right after) rebuilding.
                String marker = marker(random, 1000 + round);
                Article article = kb.capture(
                        publisher,
                        Draft.of(ArticleContent.of("Fehlercode " + marker, words(random, 8) + " " + marker)
                                        .withResolution(words(random, 4))
                                        .withLanguage(Locale.GERMAN))
                                .withState(ArticleState.VALIDATED)
                                .withAudience(Audience.PUBLIC));
                audiences.put(article.id(), Audience.PUBLIC);
                markers.put(article.id(), marker);
            }
        } finally {
            stop.set(true);
            searcher.join(WAIT.toMillis());
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        awaitSearchable(kb);
        markers.forEach(
                (id, marker) -> assertThat(matching(kb.search(SearchRequest.builder(marker, Viewer.agent(publisher))
                                        .language(Locale.GERMAN)
                                        .build())
                                .hits()))
                        .as("seed " + seed + ": after the rebuild, " + id)
                        .containsExactly(id.value()));
    }

    // ---- Bad input -------------------------------------------------------------------------------------------

    private static List<String> badTexts(Random random) {
        var texts = new ArrayList<>(List.of(
                "",
                " ",
                "\t\n\r",
                "\u0000",
                "\u0000drucker\u0000",
                "drucker\u0007\u001b[31m\u007f",
                "\u200b\u200e\u202e\ufeff",
                "\ud800",
                "\udc00drucker\ud800",
                "🖨️ 💥 drucker",
                "e\u0301".repeat(500),
                "打印机不打印",
                "title:drucker AND (treiber OR \"netz~2\") -fehler +* ?",
                "*",
                "?",
                "\\",
                "\"",
                "((((",
                "a~",
                "[0 TO 9]",
                "/dru.*/",
                "drucker^100",
                "%s%n%x",
                "<script>alert(1)</script>",
                "'; DROP TABLE articles; --",
                "${jndi:ldap://example.invalid/x}",
                "x".repeat(SearchRequest.MAX_TEXT_LENGTH),
                "drucker ".repeat(SearchRequest.MAX_TEXT_LENGTH / 8),
                "x".repeat(SearchRequest.MAX_TEXT_LENGTH + 1)));
        for (String word : List.of("a", "ab", "drucker")) {
            var many = new StringBuilder();
            while (many.length() + word.length() + 8 < SearchRequest.MAX_TEXT_LENGTH) {
                many.append(word).append(random.nextInt(100_000)).append(' ');
            }
            texts.add(many.toString());
        }
        var distinct = new StringBuilder();
        while (distinct.length() < SearchRequest.MAX_TEXT_LENGTH - 8) {
            for (int i = 0; i < 3 + random.nextInt(5); i++) {
                distinct.append((char) ('a' + random.nextInt(26)));
            }
            distinct.append(' ');
        }
        texts.add(distinct.toString());
        var control = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            control.append(c).append("drucker");
        }
        texts.add(control.toString());
        return texts;
    }

    @Test
    void badInput_givesAResultOrInvalidInput_neverAnEngineException() {
        long seed = seed("bad input");
        var random = new Random(seed);
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Actor publisher = Actor.publisher("pub-1");
        Article visible = kb.capture(
                publisher,
                Draft.of(ArticleContent.of(
                                        "Drucker <b>druckt</b> & \"zeigt\" Fehler <script>",
                                        "Der Drucker <script>alert(1)</script> zeigt Fehler & Warnungen.")
                                .withResolution("Treiber <i>neu</i> installieren.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        kb.capture(
                publisher,
                Draft.of(ArticleContent.of("Drucker intern", "Der Drucker im Lager zeigt Fehler.")
                                .withResolution("Treiber neu installieren.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.INTERNAL));
        awaitSearchable(kb);
        Visibility publicVisibility = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
        for (String text : badTexts(random)) {
            String where = "seed " + seed + ", text '" + (text.length() > 60 ? text.substring(0, 60) + "…" : text)
                    + "' (" + text.length() + " chars)";
            for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(publisher))) {
                typedOrResult(where + ", search by " + viewer, () -> {
                    SearchResult result = kb.search(SearchRequest.builder(text, viewer)
                            .facets(true)
                            .limit(SearchRequest.MAX_LIMIT)
                            .build());
                    for (SearchHit hit : result.hits()) {
                        assertThat(viewer instanceof Viewer.Agent || hit.id().equals(visible.id()))
                                .as(where + ": a public hit")
                                .isTrue();
                        assertEscaped(hit.snippet(), where + ", snippet");
                    }
                });
                typedOrResult(where + ", suggest to " + viewer, () -> {
                    for (Suggestion suggestion : kb.suggest(text, viewer, 10)) {
                        assertEscaped(suggestion.highlighted(), where + ", suggestion");
                    }
                });
            }
            typedOrResult(where + ", suggest through the SPI", () -> engine().suggest(text, publicVisibility, 10)
                    .forEach(s -> assertEscaped(s.highlighted(), where + ", suggestion")));
            typedOrResult(where + ", similar", () -> {
                ArticleContent content;
                try {
                    content = ArticleContent.of("Drucker " + text, text.isBlank() ? "Drucker" : text)
                            .withLanguage(Locale.GERMAN);
                } catch (IllegalArgumentException e) {
                    return;
                }
                kb.similar(publisher, Draft.of(content), 5);
            });
        }
        // Related articles of an article the engine does not know; a search that matches the markup.
        assertThat(engine().related(ArticleId.of("KB-does-not-exist"), publicVisibility, 5))
                .isEmpty();
        for (String text : List.of("druckt", "script", "drucker fehler")) {
            for (SearchHit hit :
                    kb.search(SearchRequest.of(text, Viewer.anonymous())).hits()) {
                assertEscaped(hit.snippet(), "snippet for '" + text + "'");
            }
            for (Suggestion s : kb.suggest(text.substring(0, 4), Viewer.anonymous(), 10)) {
                assertEscaped(s.highlighted(), "suggestion for '" + text + "'");
            }
        }
    }

    /** HTML with only {@code <mark>} and {@code </mark>} as markup. */
    private static void assertEscaped(String html, String where) {
        assertThat(html.replace("<mark>", "").replace("</mark>", ""))
                .as(where + ": escaped HTML " + html)
                .doesNotContain("<")
                .doesNotContain(">");
    }

    private static void typedOrResult(String where, Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            // A typed refusal is fine.
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": neither a result nor InvalidInputException", e);
        }
    }

    // ---- Translations ----------------------------------------------------------------------------------------

    private static Article translationArticle(
            KnowledgeBase kb, String title, String issue, Locale in, Audience audience) {
        return kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Reinstall the VPN client / Installieren Sie den VPN-Client neu.")
                                .withLanguage(in))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    @Test
    void translations_aSearchShowsThePreferredLanguagesVersion_offersTheOther_andCountsTheIssueOnce() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Article german = translationArticle(
                kb,
                "VPN trennt nach Windows-Update",
                "Nach dem Windows-Update trennt der VPN-Client die Verbindung mit Fehler 809.",
                Locale.GERMAN,
                Audience.PUBLIC);
        Article english = translationArticle(
                kb,
                "VPN disconnects after Windows update",
                "After the Windows update the VPN client drops the connection with error 809.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        Article onlyEnglish = translationArticle(
                kb,
                "Blue screen after Windows update",
                "The laptop shows a blue screen after the Windows update and restarts.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        kb.linkTranslation(ADMIN, german.id(), english.id());
        awaitSearchable(kb);

        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            SearchResult inGerman = kb.search(SearchRequest.builder("VPN trennt nach Windows-Update", viewer)
                    .language(Locale.GERMAN)
                    .facets(true)
                    .build());
            assertThat(ids(inGerman.hits()))
                    .as(viewer + ": German query")
                    .first()
                    .isEqualTo(german.id());
            assertThat(ids(inGerman.hits()))
                    .as(viewer + ": the English translation is collapsed, the English-only issue still found")
                    .doesNotContain(english.id())
                    .contains(onlyEnglish.id());
            assertThat(inGerman.hits().getFirst().translations()).isEqualTo(Map.of(Locale.ENGLISH, english.id()));
            assertThat(inGerman.hits().getLast().translations()).isEmpty();
            assertThat(inGerman.hits().getLast().language()).isEqualTo(Locale.ENGLISH);
            assertThat(inGerman.totalHits())
                    .as(viewer + ": totals count the issue once")
                    .isEqualTo(2);
            assertThat(inGerman.facets().get("language"))
                    .containsExactlyInAnyOrder(new FacetCount("de", 1), new FacetCount("en", 1));

            SearchResult inEnglish = kb.search(SearchRequest.builder("VPN disconnects after Windows update", viewer)
                    .language(Locale.ENGLISH)
                    .build());
            assertThat(ids(inEnglish.hits()))
                    .as(viewer + ": English query")
                    .first()
                    .isEqualTo(english.id());
            assertThat(ids(inEnglish.hits())).doesNotContain(german.id());
            assertThat(inEnglish.hits().getFirst().translations()).isEqualTo(Map.of(Locale.GERMAN, german.id()));
            assertThat(inEnglish.totalHits()).isEqualTo(2);

            // Detected: one version of the issue, whichever, offering the other.
            SearchResult detected = kb.search(SearchRequest.of("809", viewer));
            assertThat(ids(detected.hits())).as(viewer + ": detected language").hasSize(1);
            SearchHit shown = detected.hits().getFirst();
            assertThat(shown.translations())
                    .isEqualTo(
                            shown.id().equals(german.id())
                                    ? Map.of(Locale.ENGLISH, english.id())
                                    : Map.of(Locale.GERMAN, german.id()));
        }

        // Related articles carry their translations too.
        assertThat(kb.related(onlyEnglish.id(), Viewer.anonymous(), 5))
                .filteredOn(hit -> hit.id().equals(english.id()))
                .singleElement()
                .satisfies(hit -> assertThat(hit.translations()).isEqualTo(Map.of(Locale.GERMAN, german.id())));

        // Unlinked, both versions are found again.
        kb.unlinkTranslation(ADMIN, english.id());
        awaitSearchable(kb);
        SearchResult unlinked = kb.search(SearchRequest.builder("VPN trennt nach Windows-Update", Viewer.anonymous())
                .language(Locale.GERMAN)
                .build());
        assertThat(ids(unlinked.hits())).contains(german.id(), english.id());
        assertThat(unlinked.hits())
                .allSatisfy(hit -> assertThat(hit.translations()).isEmpty());
        assertThat(unlinked.totalHits()).isEqualTo(3);
    }

    @Test
    void translations_aQueryLeftToDetection_showsTheVersionInTheLanguageItsWordsAreWritten_notTheBetterScoring() {
        // The English version holds the shared words (VPN, 809) in its short title and scores higher on them; the
        // query's other word is of the German articles ("Kalender") or of the English ones ("calendar"), so the vote
        // on the query's language, not the score, decides which version of the issue a search shows.
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Article german = translationArticle(
                kb,
                "Verbindung ins Firmennetz bricht ab",
                "Der Client meldet im Homeoffice nach einiger Zeit beim VPN den Code 809 und trennt die Verbindung.",
                Locale.GERMAN,
                Audience.PUBLIC);
        Article english =
                translationArticle(kb, "VPN 809", "VPN 809: the VPN drops with 809.", Locale.ENGLISH, Audience.PUBLIC);
        translationArticle(
                kb,
                "Kalender zeigt keine Termine",
                "Der Kalender in Outlook bleibt leer.",
                Locale.GERMAN,
                Audience.PUBLIC);
        translationArticle(
                kb,
                "Calendar shows no meetings",
                "The calendar in Outlook stays empty.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        kb.linkTranslation(ADMIN, german.id(), english.id());
        awaitSearchable(kb);

        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            List<ArticleId> inGerman =
                    ids(kb.search(SearchRequest.of("Kalender VPN 809", viewer)).hits());
            assertThat(inGerman)
                    .as(viewer + ": German words, the German version")
                    .contains(german.id())
                    .doesNotContain(english.id());
            List<ArticleId> inEnglish =
                    ids(kb.search(SearchRequest.of("calendar VPN 809", viewer)).hits());
            assertThat(inEnglish)
                    .as(viewer + ": English words, the English version")
                    .contains(english.id())
                    .doesNotContain(german.id());
        }
    }

    @Test
    void translations_aTranslationTheViewerMayNotSee_isNeverNamed_andChangesNothingTheyGet() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Article german = translationArticle(
                kb,
                "VPN trennt nach Windows-Update",
                "Nach dem Windows-Update trennt der VPN-Client die Verbindung mit Fehler 809.",
                Locale.GERMAN,
                Audience.PUBLIC);
        Article internalEnglish = translationArticle(
                kb,
                "VPN disconnects after Windows update",
                "After the Windows update the VPN client drops the connection with error 809.",
                Locale.ENGLISH,
                Audience.INTERNAL);
        translationArticle(
                kb,
                "Blue screen after Windows update",
                "The laptop shows a blue screen after the Windows update and restarts.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        awaitSearchable(kb);
        var queries = List.of(
                SearchRequest.builder("VPN disconnects after Windows update", Viewer.anonymous())
                        .language(Locale.ENGLISH)
                        .facets(true)
                        .build(),
                SearchRequest.builder("VPN trennt nach Windows-Update", Viewer.anonymous())
                        .language(Locale.GERMAN)
                        .facets(true)
                        .build());
        var before = queries.stream().map(kb::search).toList();

        kb.linkTranslation(ADMIN, german.id(), internalEnglish.id());
        awaitSearchable(kb);

        for (int i = 0; i < queries.size(); i++) {
            SearchResult after = kb.search(queries.get(i));
            String query = queries.get(i).text();
            assertThat(ids(after.hits())).as(query).isEqualTo(ids(before.get(i).hits()));
            assertThat(after.totalHits()).as(query).isEqualTo(before.get(i).totalHits());
            assertThat(after.facets()).as(query).isEqualTo(before.get(i).facets());
            assertThat(after.hits())
                    .as(query + ": the internal translation is not named")
                    .allSatisfy(hit -> assertThat(hit.translations()).isEmpty());
            assertThat(ids(after.hits())).as(query).contains(german.id()).doesNotContain(internalEnglish.id());
        }
        // An agent sees both: the English version for an English query, offering the German one.
        SearchResult agent =
                kb.search(SearchRequest.builder("VPN disconnects after Windows update", Viewer.agent(ADMIN))
                        .language(Locale.ENGLISH)
                        .build());
        assertThat(ids(agent.hits())).first().isEqualTo(internalEnglish.id());
        assertThat(ids(agent.hits())).doesNotContain(german.id());
        assertThat(agent.hits().getFirst().translations()).isEqualTo(Map.of(Locale.GERMAN, german.id()));
    }

    // ---- Vocabulary: synonyms, expansions, best bets (issue 17 §2) ---------------------------------------------
    //
    // Applied at query time: the base vocabulary of the context (the starter sets unless the host turns them off),
    // followed by the entries managed through KnowledgeBase.addVocabulary, which every engine following the store
    // applies within its refresh, without re-indexing. Best bets pin an article first only for viewers who may see it
    // and whose filters accept it; everyone else gets exactly the answer without the best bet.

    private static final Actor VOCABULARY_PUBLISHER = Actor.publisher("pub-1");

    private final AtomicInteger vocabularyNodes = new AtomicInteger();

    private KnowledgeBase openWithVocabulary(ArticleStore store, org.kcskb.vocabulary.Vocabulary base) {
        var builder = KnowledgeBase.builder()
                .store(store)
                .searchEngine(recording())
                .visibilityPolicy(VisibilityPolicy.kcsDefault())
                .refreshInterval(refreshInterval())
                .baseVocabulary(base);
        // Each knowledge base its own directory: two nodes of one store each keep their own index.
        if (persistent()) {
            builder.directory(temp.resolve("vocabulary-" + vocabularyNodes.incrementAndGet()));
        }
        KnowledgeBase kb = builder.build();
        toClose.add(kb);
        return kb;
    }

    private static Article german(KnowledgeBase kb, String title, String issue, Audience audience) {
        return kb.capture(
                VOCABULARY_PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Bitte das Service-Team anrufen.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    private static Article english(KnowledgeBase kb, String title, String issue) {
        return kb.capture(
                VOCABULARY_PUBLISHER,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution("Please call the service team.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
    }

    private static List<ArticleId> found(KnowledgeBase kb, String text, Locale language) {
        return ids(kb.search(SearchRequest.builder(text, Viewer.agent(VOCABULARY_PUBLISHER))
                        .language(language)
                        .limit(50)
                        .build())
                .hits());
    }

    @Test
    void vocabulary_synonymsAddedThroughTheApi_applyBothWays_atOnce_andGoWhenRemoved() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.empty());
        Article remote =
                german(kb, "Fernzugriff von zu Hause einrichten", "Der Fernzugriff bricht ab.", Audience.PUBLIC);
        Article vpn = german(kb, "VPN Client startet nicht", "Der VPN Client meldet einen Fehler.", Audience.PUBLIC);
        awaitSearchable(kb);
        assertThat(found(kb, "VPN", Locale.GERMAN)).as("no synonyms yet").doesNotContain(remote.id());
        assertThat(found(kb, "Fernzugriff", Locale.GERMAN))
                .as("no synonyms yet")
                .doesNotContain(vpn.id());

        var entry = kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("VPN", "Fernzugriff"));
        awaitSearchable(kb);
        assertThat(found(kb, "VPN", Locale.GERMAN)).as("VPN finds Fernzugriff").containsSequence(vpn.id(), remote.id());
        assertThat(found(kb, "Fernzugriff", Locale.GERMAN))
                .as("Fernzugriff finds VPN, the typed word first")
                .containsSequence(remote.id(), vpn.id());
        // A rule of another language does not apply to an English query.
        assertThat(found(kb, "VPN", Locale.ENGLISH))
                .as("German rule, English query")
                .doesNotContain(remote.id());

        kb.removeVocabulary(VOCABULARY_PUBLISHER, entry.id());
        awaitSearchable(kb);
        assertThat(found(kb, "VPN", Locale.GERMAN)).as("removed").doesNotContain(remote.id());
        assertThat(found(kb, "Fernzugriff", Locale.GERMAN)).as("removed").doesNotContain(vpn.id());
    }

    @Test
    void vocabulary_multiWordExpansion_findsTheAccessPoint_butNotTheOtherWayRound() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.starter());
        Article accessPoint = german(
                kb,
                "Access Point im Besprechungsraum ohne Verbindung",
                "Der Access Point an der Decke leuchtet und das WLAN ist weg.",
                Audience.PUBLIC);
        Article coffee = german(kb, "Kaffeemaschine blinkt rot", "Die Kaffeemaschine blinkt rot.", Audience.PUBLIC);
        Article shorthand =
                german(kb, "Das AP im Flur neu starten", "Das AP im Flur hat keinen Strom.", Audience.PUBLIC);
        Article point = german(kb, "Point of Sale Kasse", "Die Kasse am Point of Sale bucht doppelt.", Audience.PUBLIC);
        awaitSearchable(kb);
        for (Locale language : List.of(Locale.GERMAN, Locale.ROOT)) {
            List<ArticleId> hits = found(kb, "AP blinkt rot", language);
            assertThat(hits).as("AP blinkt rot (" + language + ")").contains(accessPoint.id(), coffee.id());
            assertThat(hits).as("both words of the expansion, not one").doesNotContain(point.id());
        }
        assertThat(found(kb, "access point", Locale.GERMAN))
                .as("an expansion is one way")
                .contains(accessPoint.id())
                .doesNotContain(shorthand.id());
        assertThat(found(kb, "AP", Locale.GERMAN)).as("the typed word first").startsWith(shorthand.id());
    }

    @Test
    void vocabulary_starterSet_findsTheProjectorForBeamer_withInflections_andTurnsOff() {
        for (boolean starter : List.of(true, false)) {
            KnowledgeBase kb = openWithVocabulary(
                    sharedStore(),
                    starter ? org.kcskb.vocabulary.Vocabulary.starter() : org.kcskb.vocabulary.Vocabulary.empty());
            Article projector = german(
                    kb, "Projektor zeigt kein Bild", "Der Projektor im Raum 4 zeigt kein Bild.", Audience.PUBLIC);
            Article plural = german(kb, "Projektoren ausleihen", "Die Projektoren stehen im Lager.", Audience.PUBLIC);
            Article english = english(kb, "Projector shows no picture", "The projector in room 4 shows nothing.");
            german(kb, "Drucker zeigt kein Bild", "Der Drucker zeigt kein Bild im Raum 4.", Audience.PUBLIC);
            awaitSearchable(kb);
            for (String query : List.of("Beamer", "Beamers")) {
                List<ArticleId> hits = found(kb, query, Locale.GERMAN);
                if (starter) {
                    assertThat(hits).as(query).contains(projector.id(), plural.id());
                } else {
                    assertThat(hits)
                            .as(query + " without the starter sets")
                            .doesNotContain(projector.id(), plural.id());
                }
            }
            if (starter) {
                List<ArticleId> hits = found(kb, "beamer zeigt kein bild", Locale.GERMAN);
                assertThat(hits.indexOf(projector.id()))
                        .as("the projector above the printer that also shows no picture")
                        .isEqualTo(0);
            }
            // The English starter set: "beamer" is a projector in English too.
            assertThat(found(kb, "beamer", Locale.ENGLISH).contains(english.id()))
                    .as("English beamer")
                    .isEqualTo(starter);
        }
    }

    @Test
    void vocabulary_starterTranslations_findTheIssueDocumentedOnlyInTheOtherLanguage_belowTheQuerysOwnLanguage() {
        for (boolean translations : List.of(true, false)) {
            org.kcskb.vocabulary.Vocabulary starter = org.kcskb.vocabulary.Vocabulary.starter();
            KnowledgeBase kb = openWithVocabulary(
                    sharedStore(),
                    translations ? starter : starter.without(org.kcskb.vocabulary.Vocabulary.starterTranslations()));
            Article jam = english(
                    kb, "Paper jam in the printer on the third floor", "Open tray 2 and remove the jammed paper.");
            Article black = english(
                    kb, "Screen stays black after docking", "Unplug the dock, wait ten seconds and plug it in again.");
            Article german = german(
                    kb,
                    "Druckertreiber installieren",
                    "Den Druckertreiber für den Etagendrucker installieren Sie aus dem Softwarecenter.",
                    Audience.PUBLIC);
            german(kb, "Kantine Speiseplan", "Der Speiseplan der Kantine hängt im dritten Stock.", Audience.PUBLIC);
            awaitSearchable(kb);

            List<ArticleId> jammed = found(kb, "papierstau drucker", Locale.GERMAN);
            List<ArticleId> dark = found(kb, "bildschirm bleibt schwarz", Locale.GERMAN);
            if (translations) {
                assertThat(jammed).as("German query, English-only issue").contains(jam.id());
                assertThat(dark).as("German query, English-only issue").startsWith(black.id());
                assertThat(found(kb, "drucker", Locale.GERMAN).indexOf(german.id()))
                        .as("the query's own language first")
                        .isLessThan(found(kb, "drucker", Locale.GERMAN).indexOf(jam.id()));
                // Found, though not necessarily first: the jam article matches "printer" in the query's language.
                assertThat(found(kb, "printer driver", Locale.ENGLISH))
                        .as("English query, German-only issue")
                        .contains(german.id());
            } else {
                assertThat(jammed).as("without the translations").doesNotContain(jam.id());
                assertThat(dark).as("without the translations").doesNotContain(black.id());
            }
        }
    }

    @Test
    void vocabulary_germanCompoundsAndInflectionsOfASynonym_match() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.empty());
        german(kb, "Fernzugriff erklärt", "Was ist ein Fernzugriff und was ein Server?", Audience.PUBLIC);
        Article inflected = german(
                kb, "Mehrere Fernzugriffe gleichzeitig", "Zwei Fernzugriffe auf denselben Rechner.", Audience.PUBLIC);
        Article compound = german(
                kb, "Fernzugriffsserver neu starten", "Der Fernzugriffsserver antwortet nicht.", Audience.PUBLIC);
        Article other = german(kb, "Tunnel der Bahn", "Im Tunnel gibt es kein Netz.", Audience.PUBLIC);
        Article vpn = german(kb, "VPN einrichten", "Das VPN auf dem Laptop einrichten.", Audience.PUBLIC);
        kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("VPN", "Fernzugriff", "sicherer Tunnel"));
        // The knowledge base's own articles teach the decompounder its words ("Fernzugriff", "Server"): a rebuild
        // analyses every article with all of them, where articles indexed one by one see what was learned before.
        kb.rebuildIndex();
        awaitSearchable(kb);
        assertThat(found(kb, "VPN", Locale.GERMAN))
                .contains(inflected.id(), compound.id())
                .doesNotContain(other.id());
        assertThat(found(kb, "mit Fernzugriffen", Locale.GERMAN))
                .as("an inflected form in the query")
                .contains(vpn.id());
        assertThat(found(kb, "sicheren Tunnels", Locale.GERMAN))
                .as("a multi-word synonym, inflected")
                .contains(inflected.id());
    }

    @Test
    void vocabulary_explain_namesTheMatchedRule() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.empty());
        german(kb, "Fernzugriff einrichten", "Der Fernzugriff bricht ab.", Audience.PUBLIC);
        var entry = kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Expansion.of("VPN", "Fernzugriff"));
        awaitSearchable(kb);
        SearchResult result = kb.search(SearchRequest.builder("VPN", Viewer.agent(VOCABULARY_PUBLISHER))
                .language(Locale.GERMAN)
                .explain(true)
                .build());
        assertThat(result.hits()).hasSize(1);
        assertThat(result.hits().getFirst().explanation().orElseThrow())
                .contains("vpn")
                .contains("fernzugriff")
                .contains(entry.id());
    }

    @Test
    void vocabulary_bestBet_pinsFirst_onlyForViewersWhoMaySeeIt_andChangesNothingForOthers() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.empty());
        for (int i = 0; i < 12; i++) {
            german(
                    kb,
                    "Ausfall des Druckers " + i,
                    "Nach einem Ausfall druckt der Drucker " + i + " nicht.",
                    Audience.PUBLIC);
            german(kb, "Ausfall intern " + i, "Ein Ausfall im Lager " + i + ".", Audience.INTERNAL);
        }
        Article outage = german(
                kb,
                "Störung im Rechenzentrum",
                "Aktuelle Störung: das Rechenzentrum ist nicht erreichbar.",
                Audience.INTERNAL);
        Article publicOutage = german(
                kb, "Wartungsfenster am Wochenende", "Am Samstag sind alle Dienste nicht erreichbar.", Audience.PUBLIC);
        awaitSearchable(kb);
        Supplier<List<SearchRequest>> publicRequests = () -> List.of(
                SearchRequest.builder("ausfall", Viewer.anonymous()).build(),
                SearchRequest.builder("Ausfall ", Viewer.anonymous())
                        .language(Locale.GERMAN)
                        .limit(5)
                        .build(),
                SearchRequest.builder("ausfall", Viewer.anonymous())
                        .offset(5)
                        .limit(5)
                        .build(),
                SearchRequest.builder("ausfall", Viewer.partner("partner-1"))
                        .facets(true)
                        .build());
        List<SearchResult> before =
                publicRequests.get().stream().map(kb::search).toList();
        SearchRequest agentRequest = SearchRequest.builder("ausfall", Viewer.agent(VOCABULARY_PUBLISHER))
                .limit(10)
                .build();
        SearchResult agentBefore = kb.search(agentRequest);
        assertThat(ids(agentBefore.hits())).doesNotContain(outage.id());

        kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                new org.kcskb.vocabulary.VocabularyRule.BestBet("Ausfall", outage.id()));
        awaitSearchable(kb);
        List<SearchResult> after = publicRequests.get().stream().map(kb::search).toList();
        for (int i = 0; i < before.size(); i++) {
            assertThat(ids(after.get(i).hits()))
                    .as("the public's hits, request " + i)
                    .isEqualTo(ids(before.get(i).hits()));
            assertThat(after.get(i).totalHits())
                    .as("the public's total, request " + i)
                    .isEqualTo(before.get(i).totalHits());
            assertThat(after.get(i).facets())
                    .as("facets, request " + i)
                    .isEqualTo(before.get(i).facets());
            assertThat(after.get(i).nextPage().isPresent())
                    .isEqualTo(before.get(i).nextPage().isPresent());
        }
        SearchResult agentAfter = kb.search(agentRequest);
        assertThat(agentAfter.hits().getFirst().id()).as("pinned first").isEqualTo(outage.id());
        assertThat(agentAfter.hits().getFirst().explanation())
                .hasValueSatisfying(e -> assertThat(e).contains("best bet"));
        assertThat(agentAfter.hits()).hasSize(10);
        assertThat(ids(agentAfter.hits()).subList(1, 10))
                .isEqualTo(ids(agentBefore.hits()).subList(0, 9));
        assertThat(agentAfter.totalHits()).as("counted once").isEqualTo(agentBefore.totalHits() + 1);
        // Paging on: the hit the pin pushed off the first page opens the second, nothing twice.
        SearchResult second = kb.search(SearchRequest.builder("ausfall", Viewer.agent(VOCABULARY_PUBLISHER))
                .limit(10)
                .after(agentAfter.nextPage().orElseThrow())
                .build());
        assertThat(second.hits().getFirst().id())
                .isEqualTo(agentBefore.hits().get(9).id());
        assertThat(ids(second.hits())).doesNotContain(outage.id());
        // Another query, or filters the pinned article fails, pin nothing.
        assertThat(ids(kb.search(SearchRequest.builder("ausfall drucker", Viewer.agent(VOCABULARY_PUBLISHER))
                                .build())
                        .hits()))
                .doesNotContain(outage.id());
        assertThat(ids(kb.search(SearchRequest.builder("ausfall", Viewer.agent(VOCABULARY_PUBLISHER))
                                .languages(Set.of(Locale.ENGLISH))
                                .build())
                        .hits()))
                .doesNotContain(outage.id());
        // A public best bet shows to the public, once, and still leaves the rest in order.
        kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.ROOT,
                new org.kcskb.vocabulary.VocabularyRule.BestBet("ausfall", publicOutage.id()));
        awaitSearchable(kb);
        SearchResult publicAfter =
                kb.search(SearchRequest.builder("ausfall", Viewer.anonymous()).build());
        assertThat(publicAfter.hits().getFirst().id()).isEqualTo(publicOutage.id());
        assertThat(publicAfter.totalHits()).isEqualTo(before.getFirst().totalHits() + 1);
        assertThat(ids(publicAfter.hits()).stream().filter(publicOutage.id()::equals))
                .hasSize(1);
        assertThat(ids(publicAfter.hits())).doesNotContain(outage.id());
    }

    @Test
    void vocabulary_addedOnOneNode_appliesOnAnotherNodeOfTheSameStore_withinItsRefresh() {
        // Two nodes, each with a store of its own on one database (H2 here; PostgreSQL in production), so that node B
        // learns of node A's entry only from the database's change feed.
        Path database = temp.resolve("vocabulary-database");
        KnowledgeBase nodeA = openWithVocabulary(ArticleStores.h2(database), org.kcskb.vocabulary.Vocabulary.empty());
        KnowledgeBase nodeB = openWithVocabulary(ArticleStores.h2(database), org.kcskb.vocabulary.Vocabulary.empty());
        // No word a typo away from "VPN" ("von"), which an engine's relaxation may correct it to.
        Article remote = german(nodeA, "Fernzugriff aus dem Homeoffice", "Der Fernzugriff bricht ab.", Audience.PUBLIC);
        awaitSearchable(nodeA);
        awaitSearchable(nodeB);
        assertThat(found(nodeB, "VPN", Locale.GERMAN)).doesNotContain(remote.id());
        nodeA.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("VPN", "Fernzugriff"));
        long deadline = System.nanoTime() + refreshInterval().plus(SLACK).toNanos();
        while (!found(nodeB, "VPN", Locale.GERMAN).contains(remote.id())) {
            if (System.nanoTime() > deadline) {
                fail("node B did not apply node A's synonym within "
                        + refreshInterval().plus(SLACK));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(nodeB.vocabulary().entries()).hasSize(1);
    }

    private static List<String> suggested(KnowledgeBase kb, String typed, Viewer viewer) {
        return kb.suggest(typed, viewer, 10).stream().map(Suggestion::text).toList();
    }

    @Test
    void vocabulary_suggestions_completeSynonymsAndExpansions_afterTheTypedWords_onlyFromVisibleArticles() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.starter());
        german(kb, "Projektor zeigt kein Bild", "Der Projektor im Raum 4 zeigt kein Bild.", Audience.PUBLIC);
        german(kb, "Projektoren im Vorstandsraum tauschen", "Die Projektoren sind alt.", Audience.INTERNAL);
        german(kb, "Beamer-Halterung an der Decke", "Die Halterung wackelt.", Audience.PUBLIC);
        german(kb, "Access Point blinkt rot", "Der Access Point an der Decke blinkt rot.", Audience.PUBLIC);
        german(kb, "Das AP im Flur neu starten", "Das AP im Flur hat keinen Strom.", Audience.PUBLIC);
        german(kb, "Drucker blinkt gelb", "Der Drucker blinkt gelb.", Audience.PUBLIC);
        awaitSearchable(kb);
        Viewer agent = Viewer.agent(VOCABULARY_PUBLISHER);

        assertThat(suggested(kb, "Beamer", Viewer.anonymous()))
                .as("the title with the typed word first, then the synonym's")
                .containsExactly("Beamer-Halterung an der Decke", "Projektor zeigt kein Bild");
        assertThat(suggested(kb, "beamer", agent))
                .as("the agent also sees the internal article's title")
                .containsExactlyInAnyOrder(
                        "Beamer-Halterung an der Decke",
                        "Projektor zeigt kein Bild",
                        "Projektoren im Vorstandsraum tauschen");
        assertThat(suggested(kb, "AP blinkt", Viewer.anonymous()))
                .as("an expansion over several words")
                .containsExactly("Access Point blinkt rot");
        assertThat(suggested(kb, "AP bl", Viewer.anonymous()))
                .as("with the last word still being typed")
                .containsExactly("Access Point blinkt rot");
        assertThat(suggested(kb, "access point", Viewer.anonymous()))
                .as("an expansion is one way")
                .contains("Access Point blinkt rot")
                .doesNotContain("Das AP im Flur neu starten");
        assertThat(suggested(kb, "Kopierer", Viewer.anonymous()))
                .as("a rule whose words no visible title has suggests nothing")
                .isEmpty();
    }

    @Test
    void vocabulary_suggestions_followARuleAddedThroughTheApi_atOnce_andForgetItWhenRemoved() {
        KnowledgeBase kb = openWithVocabulary(ArticleStores.inMemory(), org.kcskb.vocabulary.Vocabulary.empty());
        german(kb, "Kaffeemaschine zeigt Fehler 12", "Die Kaffeemaschine im Flur zeigt Fehler 12.", Audience.PUBLIC);
        awaitSearchable(kb);
        assertThat(suggested(kb, "Zorbomat", Viewer.anonymous()))
                .as("no rule yet")
                .isEmpty();

        var entry = kb.addVocabulary(
                VOCABULARY_PUBLISHER,
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("Zorbomat", "Kaffeemaschine"));
        awaitSearchable(kb);
        assertThat(suggested(kb, "Zorbomat", Viewer.anonymous())).containsExactly("Kaffeemaschine zeigt Fehler 12");
        assertThat(suggested(kb, "zorbomat fe", Viewer.anonymous())).containsExactly("Kaffeemaschine zeigt Fehler 12");

        kb.removeVocabulary(VOCABULARY_PUBLISHER, entry.id());
        awaitSearchable(kb);
        assertThat(suggested(kb, "Zorbomat", Viewer.anonymous())).as("removed").isEmpty();
    }

    // ---- Words, as search matches them ------------------------------------------------------------------------

    @Test
    void words_areTheWordsSearchMatches_foldedStemmedAndSplit_withoutStopwords() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        german(kb, "Drucker druckt nicht", "Der Druckertreiber meldet einen Fehler.", Audience.PUBLIC);
        awaitSearchable(kb);
        for (Viewer viewer : List.of(Viewer.anonymous(), Viewer.agent(ADMIN))) {
            Visibility visibility = VisibilityPolicy.kcsDefault().visibleTo(viewer, false);
            SearchEngine engine = engine();
            List<String> compound = engine.words("Druckertreiberfehler", Locale.GERMAN, visibility);
            assertThat(compound)
                    .as(viewer + ": a compound gives its parts")
                    .containsAll(engine.words("Drucker", Locale.GERMAN, visibility))
                    .containsAll(engine.words("Fehler", Locale.GERMAN, visibility));
            assertThat(engine.words("der Drucker", Locale.GERMAN, visibility))
                    .as(viewer + ": stopwords dropped")
                    .isEqualTo(engine.words("Drucker", Locale.GERMAN, visibility));
            assertThat(engine.words("Drücker", Locale.GERMAN, visibility))
                    .as(viewer + ": umlaut spellings stay apart")
                    .isNotEqualTo(engine.words("Drucker", Locale.GERMAN, visibility));
            assertThat(engine.words("Druecker", Locale.GERMAN, visibility))
                    .as(viewer + ": a typed umlaut folds")
                    .isEqualTo(engine.words("Drücker", Locale.GERMAN, visibility));
            assertThat(engine.words("printers", Locale.ENGLISH, visibility))
                    .as(viewer + ": English stems")
                    .isEqualTo(engine.words("printer", Locale.ENGLISH, visibility));
            assertThat(engine.words("Drucker Drucker, drucker!", Locale.GERMAN, visibility))
                    .as(viewer + ": each word once")
                    .hasSize(1);
            assertThat(engine.words(" \t ", Locale.GERMAN, visibility)).isEmpty();
        }
    }

    @Test
    void words_dependOnlyOnArticlesTheViewerMaySee() throws InterruptedException {
        // What an internal article teaches (here: the parts of an invented compound) must not change the words of a
        // viewer who may not see it; compare with a knowledge base that holds only the public article.
        Visibility anonymous = VisibilityPolicy.kcsDefault().visibleTo(Viewer.anonymous(), false);
        Visibility agent = VisibilityPolicy.kcsDefault().visibleTo(Viewer.agent(ADMIN), false);
        ArticleStore store = sharedStore();
        KnowledgeBase onlyPublic = open(store, VisibilityPolicy.kcsDefault(), Clock.systemUTC());
        german(onlyPublic, "Drucker druckt nicht", "Der Drucker meldet einen Fehler.", Audience.PUBLIC);
        awaitSearchable(onlyPublic);
        List<String> expected = engine().words("Quorxelflimbatfehler", Locale.GERMAN, anonymous);
        assertThat(engine().words("Quorxelflimbatfehler", Locale.GERMAN, agent)).isEqualTo(expected);
        for (int i = 0; i < 5; i++) {
            german(
                    onlyPublic,
                    "Quorxel und Flimbat " + i,
                    "Der Quorxel meldet Quorxel. Flimbat und Flimbat und Flimbat, Quorxel.",
                    Audience.INTERNAL);
        }
        awaitSearchable(onlyPublic);
        // The agent's words learn the parts (within the vocabulary's refresh); the public's never do.
        long deadline =
                System.nanoTime() + refreshInterval().plus(SLACK).plusSeconds(3).toNanos();
        String part = engine().words("Quorxel", Locale.GERMAN, agent).getFirst();
        while (!engine().words("Quorxelflimbatfehler", Locale.GERMAN, agent).contains(part)) {
            if (System.nanoTime() > deadline) {
                fail("the agent's words never learned the parts the internal articles teach: "
                        + engine().words("Quorxelflimbatfehler", Locale.GERMAN, agent));
            }
            Thread.sleep(50);
            onlyPublic.search(SearchRequest.of("Quorxel", Viewer.agent(ADMIN)));
        }
        assertThat(engine().words("Quorxelflimbatfehler", Locale.GERMAN, anonymous))
                .isEqualTo(expected);
    }

    // ---- Markdown ----------------------------------------------------------------------------------------------

    @Test
    void markdown_isSearchedAndSnippetedAsTheTextAReaderSees_withoutMarkup() {
        KnowledgeBase kb = open(VisibilityPolicy.kcsDefault());
        Article article = kb.capture(
                Actor.publisher("pub-1"),
                Draft.of(ArticleContent.of(
                                        "Printer stops after the update",
                                        "The **printer** stops printing after the *Windows* update.")
                                .withResolution("""
                                        ## Steps
                                        1. Remove the printer in the **settings** dialog.
                                        2. Download the driver from the [vendor portal](https://acme.example/zqportalx/dl).
                                        3. Install the package `acme-setup` as an administrator.

                                        | Model | Driver |
                                        |-------|--------|
                                        | P400  | 5.1    |
                                        """)
                                .withLanguage(Locale.ENGLISH)
                                .withFormat(org.kcskb.article.TextFormat.MARKDOWN))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(Audience.PUBLIC));
        awaitSearchable(kb);
        // A word of a link's text, of a list item, of a table cell, of emphasis.
        for (String query : List.of("vendor portal", "settings dialog", "P400", "printer stops printing")) {
            SearchResult result = kb.search(SearchRequest.of(query, Viewer.anonymous()));
            assertThat(ids(result.hits())).as("hits for '" + query + "'").contains(article.id());
            String snippet = result.hits().getFirst().snippet();
            assertEscaped(snippet, "snippet for '" + query + "'");
            assertThat(snippet.replace("<mark>", "").replace("</mark>", ""))
                    .as("snippet for '" + query + "'")
                    .isNotBlank()
                    .doesNotContain("**", "](", "|", "#", "`", "https:");
        }
        // The address of a link is not text a reader sees: not searched.
        assertThat(ids(kb.search(SearchRequest.of("zqportalx", Viewer.anonymous()))
                        .hits()))
                .doesNotContain(article.id());
    }
}
