package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.search.FacetCount;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.SearchResult;
import org.kcskb.search.Suggestion;
import org.kcskb.store.ArticleStores;

/**
 * Non-interference: two knowledge bases that differ only in articles a viewer may not see give that viewer the same
 * answers.
 *
 * <p>For the anonymous public every read path must be exactly equal: hits, their order and scores, totals, facets,
 * snippets, did-you-mean, the chosen query language (seen through which languages' articles are hits), typed
 * suggestions, related articles, and a repeated search through the result cache. Both knowledge bases hold the same
 * public articles (German and English, with compounds), captured first so that they get the same ids; one of them
 * also holds hidden articles: internal, partner, work in progress, archived, articles that were public and left the
 * public, with words the public ones contain, whole compounds of public words, misspellings of public words (which
 * would make a typo look common) and codenames that tip the language vote.
 *
 * <p>For partners and agents (own-only grants included) no hit, total, facet count, suggestion or related article may
 * come from an article they may not see, and the language vote and did-you-mean must match a knowledge base without
 * their hidden articles.
 *
 * <p>Under {@code -Dkb.campaign=long} it runs until at least 100,000 checks; in CI a short slice. The seed is
 * printed; rerun one with {@code -Dkb.test.seed=N}.
 */
class NonInterferencePropertyTest {
    private static final Actor ADMIN = Actor.administrator("admin");
    private static final Actor OWNER = Actor.candidate("cand-7");

    private static final List<String> GERMAN = List.of(
            "drucker",
            "treiber",
            "netzwerk",
            "passwort",
            "rechnung",
            "anmeldung",
            "fehler",
            "konto",
            "speicher",
            "verbindung",
            "kennwort",
            "zugang",
            "bildschirm",
            "tastatur",
            "server",
            "update",
            "lizenz",
            "kunde");
    private static final List<String> ENGLISH = List.of(
            "printer",
            "driver",
            "network",
            "password",
            "invoice",
            "login",
            "error",
            "account",
            "storage",
            "connection",
            "screen",
            "keyboard",
            "server",
            "update",
            "license",
            "customer");
    /** Compounds of public words that only hidden articles hold whole, and codenames only hidden articles hold. */
    private static final List<String> HIDDEN_ONLY = List.of(
            "kennwortspeicher",
            "kundenkonto",
            "netzwerkfehler",
            "druckerzugang",
            "zorbatron",
            "quellmerkmal",
            "lizenzserver",
            "speicherkunde",
            "verbindungstreiber",
            "bildschirmtastatur");

    private static final List<String> PRODUCTS = List.of("Acme Print", "Acme VPN", "Acme Billing");

    /** The KCS default, and one that also shows the public the not yet validated public articles. */
    private static final VisibilityPolicy WIDER = (viewer, archived) -> {
        Visibility base = VisibilityPolicy.kcsDefault().visibleTo(viewer, archived);
        if (viewer instanceof Viewer.Public) {
            var grants = new HashSet<>(base.grants());
            grants.add(new Visibility.Grant(ArticleState.NOT_VALIDATED, Audience.PUBLIC, false));
            return new Visibility(viewer, grants);
        }
        return base;
    };

    /** Agents see validated articles of every audience and only their own work in progress. */
    private static final VisibilityPolicy OWN_ONLY = (viewer, archived) -> {
        Visibility base = VisibilityPolicy.kcsDefault().visibleTo(viewer, archived);
        if (viewer instanceof Viewer.Agent) {
            var grants = new HashSet<Visibility.Grant>();
            for (Audience audience : Audience.values()) {
                grants.add(new Visibility.Grant(ArticleState.VALIDATED, audience, false));
                grants.add(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, audience, true));
            }
            return new Visibility(viewer, grants);
        }
        return base;
    };

    private static final Viewer PARTNER = Viewer.partner("partner-1");
    private static final Viewer AGENT = Viewer.agent(OWNER);

    /** The CI slice samples each round's read paths; the long campaign reads every one. */
    private final boolean longCampaign = "long".equals(System.getProperty("kb.campaign", "ci"));

    private final Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    private long checks;

    @Test
    void answers_toEachViewer_doNotDependOnArticlesTheViewerMayNotSee() {
        long seed = Long.getLong("kb.test.seed", System.nanoTime());
        long target = longCampaign ? 100_000 : 1_500;
        System.out.println("NonInterferencePropertyTest seed: " + seed + " (rerun with -Dkb.test.seed=" + seed + ")");
        var random = new Random(seed);
        int round = 0;
        try {
            while (checks < target) {
                VisibilityPolicy policy =
                        List.of(VisibilityPolicy.kcsDefault(), WIDER, OWN_ONLY).get(round % 3);
                String name = List.of("kcs-default", "wider", "own-only").get(round % 3);
                round(new Random(random.nextLong()), policy, name);
                round++;
            }
        } catch (AssertionError e) {
            throw new AssertionError(
                    "Seed " + seed + " (rerun with -Dkb.test.seed=" + seed + "), round " + round + ": "
                            + e.getMessage(),
                    e);
        }
        System.out.println("NonInterferencePropertyTest: " + checks + " checks in " + round + " rounds");
    }

    /** One pair of knowledge bases under one policy, compared for the public, a partner and an agent. */
    private void round(Random random, VisibilityPolicy policy, String policyName) {
        List<Spec> publicSpecs = new ArrayList<>();
        int publicCount = 25 + random.nextInt(20);
        for (int i = 0; i < publicCount; i++) {
            publicSpecs.add(publicSpec(random, policy));
        }
        List<Spec> hiddenSpecs = new ArrayList<>();
        int hiddenCount = 15 + random.nextInt(20);
        for (int i = 0; i < hiddenCount; i++) {
            hiddenSpecs.add(hiddenSpec(random, policy, publicSpecs));
        }
        List<String> queries = queries(random, publicSpecs, hiddenSpecs);
        try (KnowledgeBase without = open(policy);
                KnowledgeBase with = open(policy)) {
            load(without, publicSpecs, List.of());
            load(with, publicSpecs, hiddenSpecs);
            // The compound vocabulary is learned as articles come in, and which words a document or query is split
            // with depends on what was learned by then (even two knowledge bases fed the same articles differ until
            // a rebuild). A rebuild (or a restart) analyses every article with the vocabulary learned afresh from
            // what each partition admits: from then on the public's answers are a function of the public articles.
            without.rebuildIndex();
            with.rebuildIndex();
            String context = "policy " + policyName;
            comparePublic(without, with, queries, publicSpecs.size(), random, context + ", after rebuild");
            // Articles that join the public and leave it again must leave nothing behind: not in the statistics
            // (deleted documents count until merged away), not in the compound vocabulary (German ones teach it
            // their words), not in suggestions; without a rebuild.
            leaveThePublic(with, random);
            comparePublic(without, with, queries, publicSpecs.size(), random, context + ", after articles left");
        }
        checkOthers(policy, policyName, publicSpecs, hiddenSpecs, queries, random);
    }

    /** Captures English public articles, lets them be found, then archives or narrows them. */
    private static void leaveThePublic(KnowledgeBase kb, Random random) {
        var left = new ArrayList<Article>();
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            boolean german = random.nextBoolean();
            List<String> words = german ? GERMAN : ENGLISH;
            var content = ArticleContent.of(
                            text(random, words, 3, german), text(random, words, 8 + random.nextInt(8), german))
                    .withResolution(text(random, words, 5, german))
                    .withLanguage(german ? Locale.GERMAN : Locale.ENGLISH)
                    .withEnvironment(new Environment(Map.of("product", PRODUCTS.get(0)), ""))
                    .withTags(Set.of("cat0"));
            left.add(kb.capture(
                    ADMIN, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC)));
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        for (Article article : left) {
            Update update = Update.of(article.revision());
            kb.update(
                    ADMIN,
                    article.id(),
                    random.nextBoolean()
                            ? update.state(ArticleState.ARCHIVED)
                            : update.audience(random.nextBoolean() ? Audience.INTERNAL : Audience.PARTNER));
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
    }

    /** What one article is made of, and what becomes of it. */
    private record Spec(
            Locale language,
            String title,
            String issue,
            String resolution,
            String product,
            String tag,
            ArticleState state,
            Audience audience,
            Actor author,
            /* Captured public, then moved to this state and audience. */
            ArticleState laterState,
            Audience laterAudience) {}

    private Spec publicSpec(Random random, VisibilityPolicy policy) {
        Locale language = random.nextBoolean() ? Locale.GERMAN : Locale.ENGLISH;
        List<String> words = language == Locale.GERMAN ? GERMAN : ENGLISH;
        // Under the wider policy, some public articles are not yet validated.
        ArticleState state =
                policy == WIDER && random.nextInt(4) == 0 ? ArticleState.NOT_VALIDATED : ArticleState.VALIDATED;
        return new Spec(
                language,
                text(random, words, 2 + random.nextInt(3), language == Locale.GERMAN),
                text(random, words, 6 + random.nextInt(8), language == Locale.GERMAN),
                text(random, words, 4 + random.nextInt(6), language == Locale.GERMAN),
                PRODUCTS.get(random.nextInt(PRODUCTS.size())),
                "cat" + random.nextInt(3),
                state,
                Audience.PUBLIC,
                ADMIN,
                null,
                null);
    }

    private Spec hiddenSpec(Random random, VisibilityPolicy policy, List<Spec> publicSpecs) {
        Locale language = random.nextInt(3) > 0 ? Locale.GERMAN : Locale.ENGLISH;
        List<String> words = language == Locale.GERMAN ? GERMAN : ENGLISH;
        var issue = new StringBuilder(text(random, words, 4 + random.nextInt(6), language == Locale.GERMAN));
        // Hidden-only compounds and codenames, and misspellings of public words (so that a typo looks common).
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            issue.append(' ').append(HIDDEN_ONLY.get(random.nextInt(HIDDEN_ONLY.size())));
        }
        if (random.nextBoolean()) {
            Spec model = publicSpecs.get(random.nextInt(publicSpecs.size()));
            String word = longWord(model.issue(), random);
            if (word != null) {
                String typo = typo(word, random);
                issue.append(' ').append(typo).append(' ').append(typo);
            }
        }
        ArticleState state;
        Audience audience;
        ArticleState laterState = null;
        Audience laterAudience = null;
        Actor author = ADMIN;
        switch (random.nextInt(6)) {
            case 0 -> {
                state = ArticleState.VALIDATED;
                audience = Audience.INTERNAL;
            }
            case 1 -> {
                state = ArticleState.VALIDATED;
                audience = Audience.PARTNER;
            }
            case 2 -> {
                state = ArticleState.WORK_IN_PROGRESS;
                audience = Audience.values()[random.nextInt(3)];
                author = random.nextBoolean() ? OWNER : ADMIN;
            }
            case 3 -> {
                state = policy == WIDER ? ArticleState.WORK_IN_PROGRESS : ArticleState.NOT_VALIDATED;
                audience = Audience.PUBLIC;
            }
            case 4 -> {
                state = ArticleState.ARCHIVED;
                audience = Audience.PUBLIC;
            }
            default -> {
                // Public first, then archived or narrowed: it must not linger in what the public sees.
                state = ArticleState.VALIDATED;
                audience = Audience.PUBLIC;
                laterState = random.nextBoolean() ? ArticleState.ARCHIVED : ArticleState.VALIDATED;
                laterAudience = laterState == ArticleState.ARCHIVED ? Audience.PUBLIC : Audience.INTERNAL;
            }
        }
        return new Spec(
                language,
                text(random, words, 2 + random.nextInt(3), language == Locale.GERMAN),
                issue.toString(),
                text(random, words, 4 + random.nextInt(6), language == Locale.GERMAN),
                PRODUCTS.get(random.nextInt(PRODUCTS.size())),
                "cat" + random.nextInt(4),
                state,
                audience,
                author,
                laterState,
                laterAudience);
    }

    private static String text(Random random, List<String> words, int n, boolean compounds) {
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String word = words.get(random.nextInt(words.size()));
            if (compounds && random.nextInt(4) == 0) {
                word = word + words.get(random.nextInt(words.size()));
            }
            text.append(i == 0 ? "" : " ").append(word);
        }
        return text.toString();
    }

    private static String longWord(String text, Random random) {
        List<String> words =
                List.of(text.split(" ")).stream().filter(w -> w.length() >= 6).toList();
        return words.isEmpty() ? null : words.get(random.nextInt(words.size()));
    }

    /** One edit (swap of two inner letters, or a replaced letter) of a word. */
    private static String typo(String word, Random random) {
        int i = 1 + random.nextInt(word.length() - 2);
        char[] chars = word.toCharArray();
        if (random.nextBoolean()) {
            char c = chars[i];
            chars[i] = chars[i + 1];
            chars[i + 1] = c;
        } else {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    private List<String> queries(Random random, List<Spec> publicSpecs, List<Spec> hiddenSpecs) {
        var queries = new LinkedHashSet<String>();
        for (int i = 0; i < 12; i++) {
            List<String> words = random.nextBoolean() ? GERMAN : ENGLISH;
            queries.add(text(random, words, 1 + random.nextInt(3), words == GERMAN));
        }
        var hiddenWords = new ArrayList<>(HIDDEN_ONLY);
        java.util.Collections.shuffle(hiddenWords, random);
        // The CI slice samples the hidden-only words (and below, the typos); the long campaign asks about each.
        for (String hidden : longCampaign ? hiddenWords : hiddenWords.subList(0, 3)) {
            queries.add(hidden);
            // A codename that only hidden (German) articles hold must not tip the vote between the two languages.
            queries.add("drucker printer " + hidden);
            queries.add("update " + hidden);
        }
        for (int i = 0; i < (longCampaign ? 10 : 5); i++) {
            List<Spec> from = random.nextBoolean() ? publicSpecs : hiddenSpecs;
            Spec spec = from.get(random.nextInt(from.size()));
            String word = longWord(spec.issue(), random);
            if (word != null) {
                queries.add(typo(word, random));
                queries.add(word + " " + typo(word, random));
            }
        }
        for (Spec spec : hiddenSpecs) {
            for (String word : spec.issue().split(" ")) {
                if (!GERMAN.contains(word) && !ENGLISH.contains(word) && !HIDDEN_ONLY.contains(word)) {
                    queries.add(word); // the misspellings hidden articles hold
                }
            }
        }
        return List.copyOf(queries);
    }

    private KnowledgeBase open(VisibilityPolicy policy) {
        return KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .visibilityPolicy(policy)
                .refreshInterval(Duration.ofMillis(50))
                .recordSearches(false)
                .clock(clock)
                .build();
    }

    /** Captures the public articles first (same ids in both), then the hidden ones. */
    private static List<ArticleId> load(KnowledgeBase kb, List<Spec> publicSpecs, List<Spec> hiddenSpecs) {
        var ids = new ArrayList<ArticleId>();
        for (Spec spec : publicSpecs) {
            ids.add(capture(kb, spec));
        }
        for (Spec spec : hiddenSpecs) {
            ids.add(capture(kb, spec));
        }
        // Those that were public leave the public only now, after the public saw them.
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < hiddenSpecs.size(); i++) {
            Spec spec = hiddenSpecs.get(i);
            if (spec.laterState() != null) {
                ArticleId id = ids.get(publicSpecs.size() + i);
                Article current = kb.article(id).orElseThrow();
                kb.update(
                        ADMIN,
                        id,
                        Update.of(current.revision()).state(spec.laterState()).audience(spec.laterAudience()));
            }
        }
        assertThat(kb.awaitSearchable(Duration.ofSeconds(30))).isTrue();
        return ids;
    }

    private static ArticleId capture(KnowledgeBase kb, Spec spec) {
        var content = ArticleContent.of(spec.title(), spec.issue())
                .withResolution(spec.resolution())
                .withLanguage(spec.language())
                .withEnvironment(new Environment(Map.of("product", spec.product()), ""))
                .withTags(Set.of(spec.tag()));
        Actor author = spec.author();
        Article article;
        if (author == ADMIN) {
            ArticleState initial = spec.state() == ArticleState.ARCHIVED ? ArticleState.VALIDATED : spec.state();
            article = kb.capture(ADMIN, Draft.of(content).withState(initial).withAudience(spec.audience()));
        } else {
            article = kb.capture(author, Draft.of(content)); // a candidate's own work in progress
        }
        if (spec.state() == ArticleState.ARCHIVED && article.state() != ArticleState.ARCHIVED) {
            article =
                    kb.update(ADMIN, article.id(), Update.of(article.revision()).state(ArticleState.ARCHIVED));
        }
        return article.id();
    }

    // ---- The public: everything exactly equal -------------------------------------------------------------------

    private void comparePublic(
            KnowledgeBase without,
            KnowledgeBase with,
            List<String> queries,
            int publicCount,
            Random random,
            String context) {
        Viewer visitor = Viewer.anonymous();
        for (String query : queries) {
            String where = context + ", public, query '" + query + "'";
            SearchRequest request =
                    SearchRequest.builder(query, visitor).limit(10).facets(true).build();
            for (int repeat = 0; repeat < 2; repeat++) { // the second time through the result cache
                SearchResult expected = without.search(request);
                SearchResult actual = with.search(request);
                same(where + (repeat == 0 ? "" : " (cached)"), expected, actual);
            }
            SearchRequest second =
                    SearchRequest.builder(query, visitor).limit(5).offset(5).build();
            same(where + ", second page", without.search(second), with.search(second));
        }
        var prefixes = new LinkedHashSet<String>();
        for (String word : GERMAN) {
            prefixes.add(word.substring(0, 2));
            prefixes.add(word.substring(0, 4));
        }
        for (String word : ENGLISH) {
            prefixes.add(word.substring(0, 3));
        }
        for (String word : HIDDEN_ONLY) {
            prefixes.add(word.substring(0, 5));
        }
        var sampled = new ArrayList<>(prefixes);
        if (!longCampaign) {
            java.util.Collections.shuffle(sampled, random);
            sampled = new ArrayList<>(sampled.subList(0, 20));
        }
        for (String prefix : sampled) {
            List<Suggestion> expected = without.suggest(prefix, visitor, 8);
            List<Suggestion> actual = with.suggest(prefix, visitor, 8);
            check();
            assertThat(actual)
                    .as(context + ", public, suggest '" + prefix + "'")
                    .isEqualTo(expected);
        }
        for (int i = 1; i <= (longCampaign ? publicCount : 8); i++) {
            ArticleId id = ArticleId.of("KB-" + i);
            List<SearchHit> expected = without.related(id, visitor, 5);
            List<SearchHit> actual = with.related(id, visitor, 5);
            check();
            assertThat(hits(actual)).as(context + ", public, related " + id).isEqualTo(hits(expected));
        }
    }

    /** A hit without what legitimately differs between two knowledge bases (nothing, for the public). */
    private record Hit(ArticleId id, String title, String snippet, float score, Locale language) {}

    private static List<Hit> hits(List<SearchHit> hits) {
        return hits.stream()
                .map(h -> new Hit(h.id(), h.title(), h.snippet(), h.score(), h.language()))
                .toList();
    }

    private void same(String where, SearchResult expected, SearchResult actual) {
        check();
        assertThat(hits(actual.hits())).as(where + ": hits").isEqualTo(hits(expected.hits()));
        check();
        assertThat(actual.totalHits()).as(where + ": total").isEqualTo(expected.totalHits());
        check();
        assertThat(actual.facets()).as(where + ": facets").isEqualTo(expected.facets());
        check();
        assertThat(actual.didYouMean()).as(where + ": did you mean").isEqualTo(expected.didYouMean());
        check();
        assertThat(actual.nextPage().isPresent())
                .as(where + ": next page")
                .isEqualTo(expected.nextPage().isPresent());
    }

    private void check() {
        checks++;
    }

    // ---- Partners and agents: nothing from hidden articles, and the same existence decisions --------------------

    private void checkOthers(
            VisibilityPolicy policy,
            String policyName,
            List<Spec> publicSpecs,
            List<Spec> hiddenSpecs,
            List<String> queries,
            Random random) {
        for (Viewer viewer : List.of(PARTNER, AGENT)) {
            String context = "policy " + policyName + ", viewer " + viewer;
            // The hidden articles this viewer may see: a knowledge base with only those gives the reference.
            List<Spec> seen = hiddenSpecs.stream()
                    .filter(spec -> permits(policy, viewer, spec))
                    .toList();
            try (KnowledgeBase everything = open(policy);
                    KnowledgeBase onlyVisible = open(policy)) {
                List<ArticleId> ids = load(everything, publicSpecs, hiddenSpecs);
                load(onlyVisible, publicSpecs, seen);
                everything.rebuildIndex();
                onlyVisible.rebuildIndex();
                Visibility visibility = policy.visibleTo(viewer, false);
                Predicate<ArticleId> visible =
                        id -> visibility.permits(everything.article(id).orElseThrow());
                for (String query : queries) {
                    String where = context + ", query '" + query + "'";
                    SearchRequest request = SearchRequest.builder(query, viewer)
                            .limit(SearchRequest.MAX_LIMIT)
                            .facets(true)
                            .build();
                    SearchResult actual = everything.search(request);
                    SearchResult reference = onlyVisible.search(request);
                    for (SearchHit hit : actual.hits()) {
                        check();
                        assertThat(visible.test(hit.id()))
                                .as(where + ": hit " + hit.id())
                                .isTrue();
                    }
                    check();
                    assertThat(actual.totalHits())
                            .as(where + ": total")
                            .isEqualTo(actual.hits().size());
                    check();
                    assertThat(actual.facets()).as(where + ": facets").isEqualTo(facets(everything, actual.hits()));
                    check();
                    assertThat(actual.didYouMean()).as(where + ": did you mean").isEqualTo(reference.didYouMean());
                    check();
                    assertThat(languages(actual))
                            .as(where + ": languages searched")
                            .isEqualTo(languages(reference));
                }
                for (String word : HIDDEN_ONLY) {
                    for (Suggestion suggestion : everything.suggest(word.substring(0, 4), viewer, 8)) {
                        check();
                        suggestion.article().ifPresent(id -> assertThat(visible.test(id))
                                .as(context + ": suggestion " + suggestion.text())
                                .isTrue());
                    }
                }
                for (ArticleId id : ids.subList(0, Math.min(ids.size(), 15))) {
                    for (SearchHit hit : everything.related(id, viewer, 5)) {
                        check();
                        assertThat(visible.test(hit.id()))
                                .as(context + ": related " + hit.id())
                                .isTrue();
                    }
                }
            }
        }
    }

    private static boolean permits(VisibilityPolicy policy, Viewer viewer, Spec spec) {
        ArticleState state = spec.laterState() != null ? spec.laterState() : spec.state();
        Audience audience = spec.laterAudience() != null ? spec.laterAudience() : spec.audience();
        Visibility visibility = policy.visibleTo(viewer, false);
        String author = spec.author().id();
        return visibility.grants().stream()
                .anyMatch(grant -> grant.state() == state
                        && grant.audience() == audience
                        && (!grant.ownOnly() || author.equals(visibility.authorId())));
    }

    /** The languages of a result's hits: which languages the query was searched in, as far as hits show it. */
    private static Set<Locale> languages(SearchResult result) {
        return result.hits().stream().map(SearchHit::language).collect(Collectors.toSet());
    }

    /** The facet counts of exactly these hits (all of them: the page holds every match). */
    private static Map<String, List<FacetCount>> facets(KnowledgeBase kb, List<SearchHit> hits) {
        var dimensions = new java.util.HashMap<String, Map<String, Long>>();
        for (SearchHit hit : hits) {
            Article a = kb.article(hit.id()).orElseThrow();
            a.environment().product().ifPresent(p -> count(dimensions, "product", p));
            a.content().tags().forEach(t -> count(dimensions, "category", t));
            count(dimensions, "state", a.state().name());
            count(dimensions, "language", a.language().toLanguageTag());
        }
        var facets = new java.util.HashMap<String, List<FacetCount>>();
        dimensions.forEach((dimension, counts) -> facets.put(
                dimension,
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(20)
                        .map(e -> new FacetCount(e.getKey(), e.getValue()))
                        .toList()));
        return facets;
    }

    private static void count(Map<String, Map<String, Long>> dimensions, String dimension, String value) {
        dimensions.computeIfAbsent(dimension, d -> new java.util.HashMap<>()).merge(value, 1L, Long::sum);
    }
}
