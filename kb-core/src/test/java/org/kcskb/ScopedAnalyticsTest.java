package org.kcskb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.AnsweredQuery;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.QueryCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchAnalytics;
import org.kcskb.analytics.SearchEvent;
import org.kcskb.analytics.SearchId;
import org.kcskb.analytics.SearchOrigin;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.AnalyticsStore;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;
import org.kcskb.store.spi.ReportScope;
import org.opentest4j.TestAbortedException;

/**
 * Reports for a viewer ({@link KnowledgeBase#analytics(Viewer)}): they depend only on what that viewer may see.
 *
 * <p>Runs on the in-memory store, on a host's store without analytics (the knowledge base's own in-memory
 * analytics over the host's articles), on H2, and on PostgreSQL when {@code KB_TEST_POSTGRES_URL} (or
 * {@code -Dkb.test.postgres.url}) names a database where the role may create schemas. The property test draws
 * its seed at random (or from {@code -Dkb.test.seed}) and names it when it fails.
 */
class ScopedAnalyticsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final String POSTGRES_URL = System.getProperty(
                    "kb.test.postgres.url", Objects.requireNonNullElse(System.getenv("KB_TEST_POSTGRES_URL"), ""))
            .strip();

    private static final Actor AGENT_7 = Actor.contributor("agent-7");
    private static final Actor AGENT_9 = Actor.contributor("agent-9");
    private static final Viewer PUBLIC = Viewer.anonymous();
    private static final Viewer PARTNER = Viewer.partner("acme-manager");
    private static final Viewer AGENT = Viewer.agent(AGENT_7);

    /**
     * A policy with an own-only grant: agents see every audience validated or not validated, their own work in
     * progress only, and archived articles when they ask; the public and partners as in the KCS default.
     */
    private static final VisibilityPolicy OWN_DRAFTS = (viewer, includeArchived) -> {
        if (!(viewer instanceof Viewer.Agent)) {
            return VisibilityPolicy.kcsDefault().visibleTo(viewer, includeArchived);
        }
        var grants = new HashSet<Visibility.Grant>();
        for (Audience audience : Audience.values()) {
            grants.add(new Visibility.Grant(ArticleState.VALIDATED, audience, false));
            grants.add(new Visibility.Grant(ArticleState.NOT_VALIDATED, audience, false));
            grants.add(new Visibility.Grant(ArticleState.WORK_IN_PROGRESS, audience, true));
            if (includeArchived) {
                grants.add(new Visibility.Grant(ArticleState.ARCHIVED, audience, false));
            }
        }
        return new Visibility(viewer, grants);
    };

    @TempDir
    Path temp;

    private final List<KnowledgeBase> opened = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private int stores;

    /** Where the knowledge bases keep their articles and events. */
    enum Backend {
        IN_MEMORY,
        /** A host's store without analytics: the knowledge base keeps them in memory and asks the store. */
        HOST_STORE,
        H2,
        POSTGRES
    }

    @AfterEach
    void closeAndDrop() throws SQLException {
        for (KnowledgeBase kb : opened) {
            kb.close();
        }
        for (String schema : schemas) {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private ArticleStore newStore(Backend backend) {
        return switch (backend) {
            case IN_MEMORY -> ArticleStores.inMemory();
            case HOST_STORE -> withoutAnalytics(ArticleStores.inMemory());
            case H2 -> ArticleStores.h2(temp.resolve("store-" + stores++));
            case POSTGRES -> {
                Assumptions.assumeTrue(
                        !POSTGRES_URL.isEmpty(), "Set KB_TEST_POSTGRES_URL to run the PostgreSQL analytics tests");
                String schema = "kb_test_" + UUID.randomUUID().toString().replace("-", "");
                try (Connection c = DriverManager.getConnection(POSTGRES_URL);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                schemas.add(schema);
                yield ArticleStores.postgres(
                        POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, "", "");
            }
        };
    }

    /** Returns {@code store} as only an {@link ArticleStore}, as a host's store without analytics would be. */
    private static ArticleStore withoutAnalytics(ArticleStore store) {
        return (ArticleStore) Proxy.newProxyInstance(
                ArticleStore.class.getClassLoader(), new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                        return "HostStore[" + store + "]";
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** An article as the test writes it: one revision. */
    /**
     * An article as the test writes it: captured by {@code author} in {@code state} for {@code audience}, or, when
     * {@code revised}, captured by {@code author} in the opposite state and audience and then revised into them by
     * somebody else (the author that own-only grants compare is the first revision's, the state the latest's).
     */
    record Spec(ArticleState state, Audience audience, Actor author, boolean revised) {
        Spec(ArticleState state, Audience audience, Actor author) {
            this(state, audience, author, false);
        }
    }

    /** Opens a knowledge base over a new store with {@code articles} (in id order) and {@code events}. */
    private KnowledgeBase open(
            Backend backend, VisibilityPolicy policy, List<Optional<Spec>> articles, List<SearchEvent> events) {
        ArticleStore store = newStore(backend);
        for (int i = 0; i < articles.size(); i++) {
            ArticleId id = store.allocateId();
            assertThat(id).isEqualTo(ArticleId.of("KB-" + (i + 1)));
            if (articles.get(i).isPresent()) {
                Spec spec = articles.get(i).get();
                var content = ArticleContent.of("Artikel " + (i + 1), "Beschreibung " + (i + 1));
                store.commit(List.of(new Mutation.AppendRevision(new Revision(
                        id,
                        1,
                        content,
                        spec.revised()
                                ? (spec.state() == ArticleState.VALIDATED
                                        ? ArticleState.WORK_IN_PROGRESS
                                        : ArticleState.VALIDATED)
                                : spec.state(),
                        spec.revised()
                                ? (spec.audience() == Audience.PUBLIC ? Audience.INTERNAL : Audience.PUBLIC)
                                : spec.audience(),
                        Optional.empty(),
                        spec.author(),
                        T0,
                        RevisionKind.CAPTURED,
                        "captured"))));
                if (spec.revised()) {
                    store.commit(List.of(new Mutation.AppendRevision(new Revision(
                            id,
                            2,
                            content,
                            spec.state(),
                            spec.audience(),
                            Optional.empty(),
                            spec.author().equals(AGENT_7) ? AGENT_9 : AGENT_7,
                            T0.plusSeconds(1),
                            RevisionKind.REVISED,
                            "revised"))));
                }
            }
        }
        KnowledgeBase kb = KnowledgeBase.builder()
                .store(store)
                .withoutSearch()
                .visibilityPolicy(policy)
                .clock(CLOCK)
                .build();
        opened.add(kb);
        if (!events.isEmpty()) {
            if (store instanceof AnalyticsStore analytics) {
                analytics.append(events);
            } else {
                // The host-store case: record through the knowledge base, as its own in-memory analytics would.
                appendToFallback(kb, events);
            }
        }
        return kb;
    }

    /** Appends {@code events} to the in-memory analytics a knowledge base keeps for a store without any. */
    private static void appendToFallback(KnowledgeBase kb, List<SearchEvent> events) {
        try {
            var field = StoreBackedKnowledgeBase.class.getDeclaredField("analyticsStore");
            field.setAccessible(true);
            ((AnalyticsStore) field.get(kb)).append(events);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Examples ---------------------------------------------------------------------------------------------

    private static Optional<Spec> article(ArticleState state, Audience audience, Actor author) {
        return Optional.of(new Spec(state, audience, author));
    }

    private static SearchEvent searched(String id, String text, Viewer who, long hits, long second) {
        return SearchEvent.search(T0.plusSeconds(second), SearchId.of(id), text, who, Locale.GERMAN, hits);
    }

    private static SearchEvent clicked(String id, Viewer who, String article, int position, long second) {
        return SearchEvent.click(
                T0.plusSeconds(second), who, ArticleId.of(article), SearchOrigin.of(SearchId.of(id), position));
    }

    private static SearchEvent picked(Viewer who, String typed, String article, int position, long second) {
        return SearchEvent.suggestionPick(
                T0.plusSeconds(second), who, typed, Locale.GERMAN, ArticleId.of(article), position);
    }

    private static SearchEvent linked(String id, Actor who, String article, int position, long second) {
        return SearchEvent.link(
                T0.plusSeconds(second), who, ArticleId.of(article), SearchOrigin.of(SearchId.of(id), position));
    }

    /** KB-1 public, KB-2 for partners, KB-3 internal, KB-4 archived public; every one validated but KB-4. */
    private KnowledgeBase dashboard(Backend backend) {
        return open(
                backend,
                VisibilityPolicy.kcsDefault(),
                List.of(
                        article(ArticleState.VALIDATED, Audience.PUBLIC, AGENT_7),
                        article(ArticleState.VALIDATED, Audience.PARTNER, AGENT_7),
                        article(ArticleState.VALIDATED, Audience.INTERNAL, AGENT_7),
                        article(ArticleState.ARCHIVED, Audience.PUBLIC, AGENT_7)),
                List.of(
                        searched("s1", "Drucker offline", PUBLIC, 2, 1),
                        clicked("s1", PUBLIC, "KB-1", 1, 11),
                        searched("s2", "VPN", Viewer.partner("p-1"), 1, 2),
                        clicked("s2", Viewer.partner("p-1"), "KB-2", 2, 12),
                        searched("s3", "internes Passwort", Viewer.agent(AGENT_9), 1, 3),
                        linked("s3", AGENT_9, "KB-3", 1, 13),
                        // A click on an internal article from a public search (forged, or from before a change).
                        searched("s4", "Kennwort", PUBLIC, 3, 4),
                        clicked("s4", PUBLIC, "KB-3", 1, 14),
                        searched("s5", "Drucker", PUBLIC, 1, 5),
                        clicked("s5", PUBLIC, "KB-4", 3, 15),
                        searched("s6", "Toner", PUBLIC, 0, 6),
                        picked(PUBLIC, "dru", "KB-3", 1, 7)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPartnersDashboard_showsPublicAndPartnerSearches_andOnlyArticlesPartnersMayRead(Backend backend) {
        KnowledgeBase kb = dashboard(backend);
        SearchAnalytics partner = kb.analytics(PARTNER);
        ReportQuery all = ReportQuery.all().withLimit(100);

        assertThat(partner.topQueries(all))
                .containsExactly(
                        new QueryCount("drucker", Locale.GERMAN, 1, 0, 0),
                        new QueryCount("drucker offline", Locale.GERMAN, 1, 0, 0),
                        new QueryCount("kennwort", Locale.GERMAN, 1, 0, 0),
                        new QueryCount("toner", Locale.GERMAN, 1, 1, 0),
                        new QueryCount("vpn", Locale.GERMAN, 1, 0, 0));
        // Clicks on the internal and the archived article answer nothing for a partner.
        assertThat(partner.contentGaps(all))
                .containsExactly(
                        new ContentGap("toner", Locale.GERMAN, 1, T0.plusSeconds(6), ContentGap.Kind.NO_RESULTS),
                        new ContentGap("drucker", Locale.GERMAN, 1, T0.plusSeconds(5), ContentGap.Kind.NO_CLICK),
                        new ContentGap("kennwort", Locale.GERMAN, 1, T0.plusSeconds(4), ContentGap.Kind.NO_CLICK));
        assertThat(partner.answeredQueries(all))
                .containsExactly(
                        new AnsweredQuery(
                                "vpn", Locale.GERMAN, Audience.PARTNER, ArticleId.of("KB-2"), 1, 0, T0.plusSeconds(2)),
                        new AnsweredQuery(
                                "drucker offline",
                                Locale.GERMAN,
                                Audience.PUBLIC,
                                ArticleId.of("KB-1"),
                                1,
                                0,
                                T0.plusSeconds(1)));
        assertThat(partner.clickPositions(all)).containsExactly(new PositionCount(1, 1, 0), new PositionCount(2, 1, 0));

        // The administrator sees everything, as before.
        assertThat(kb.analytics().topQueries(all))
                .extracting(QueryCount::query)
                .containsExactlyInAnyOrder(
                        "drucker", "drucker offline", "kennwort", "toner", "vpn", "internes passwort", "dru");
        assertThat(kb.analytics().contentGaps(all))
                .extracting(ContentGap::query)
                .containsExactly("toner");
        assertThat(kb.analytics().answeredQueries(all))
                .extracting(AnsweredQuery::article)
                .extracting(ArticleId::value)
                .containsExactlyInAnyOrder("KB-1", "KB-2", "KB-3", "KB-3", "KB-4");
        assertThat(kb.analytics().clickPositions(all))
                .containsExactly(new PositionCount(1, 2, 1), new PositionCount(2, 1, 0), new PositionCount(3, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void thePublicSeesThePublicsSearches_andAnAgentUnderTheDefaultPolicyWhatTheAdministratorSees(Backend backend) {
        KnowledgeBase kb = dashboard(backend);
        ReportQuery all = ReportQuery.all().withLimit(100);

        SearchAnalytics visitors = kb.analytics(PUBLIC);
        assertThat(visitors.topQueries(all))
                .extracting(QueryCount::query)
                .containsExactly("drucker", "drucker offline", "kennwort", "toner");
        assertThat(visitors.answeredQueries(all))
                .extracting(AnsweredQuery::query, row -> row.article().value())
                .containsExactly(tuple("drucker offline", "KB-1"));

        SearchAnalytics agent = kb.analytics(AGENT);
        assertThat(agent.contentGaps(all)).isEqualTo(kb.analytics().contentGaps(all));
        assertThat(agent.topQueries(all)).isEqualTo(kb.analytics().topQueries(all));
        assertThat(agent.clickPositions(all)).isEqualTo(kb.analytics().clickPositions(all));
        assertThat(agent.answeredQueries(all)).isEqualTo(kb.analytics().answeredQueries(all));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLimit_countsRowsAfterTheFiltering(Backend backend) {
        KnowledgeBase kb = open(
                backend,
                VisibilityPolicy.kcsDefault(),
                List.of(
                        article(ArticleState.VALIDATED, Audience.PUBLIC, AGENT_7),
                        article(ArticleState.VALIDATED, Audience.INTERNAL, AGENT_7)),
                List.of(
                        // Hidden from partners, and first in the administrator's reports.
                        searched("a1", "intern", Viewer.agent(AGENT_9), 0, 1),
                        searched("a2", "intern", Viewer.agent(AGENT_9), 0, 2),
                        searched("a3", "intern", Viewer.agent(AGENT_9), 0, 3),
                        searched("x1", "x", PUBLIC, 1, 4),
                        clicked("x1", PUBLIC, "KB-2", 1, 5),
                        searched("x2", "x", PUBLIC, 1, 6),
                        clicked("x2", PUBLIC, "KB-2", 1, 7),
                        // Visible.
                        searched("p1", "a", PUBLIC, 0, 8),
                        searched("p2", "a", PUBLIC, 0, 9),
                        searched("p3", "b", PUBLIC, 0, 10),
                        searched("y1", "y", PUBLIC, 1, 11),
                        clicked("y1", PUBLIC, "KB-1", 1, 12)));
        ReportQuery two = ReportQuery.all().withLimit(2);

        assertThat(kb.analytics().contentGaps(two))
                .extracting(ContentGap::query)
                .containsExactly("intern", "a");
        // For a partner the clicks on the internal article answer nothing: x is a gap, and two rows still come.
        assertThat(kb.analytics(PARTNER).contentGaps(two))
                .extracting(ContentGap::query, ContentGap::kind)
                .containsExactly(tuple("a", ContentGap.Kind.NO_RESULTS), tuple("x", ContentGap.Kind.NO_CLICK));
        assertThat(kb.analytics().answeredQueries(ReportQuery.all().withLimit(1)))
                .extracting(AnsweredQuery::query)
                .containsExactly("x");
        assertThat(kb.analytics(PARTNER).answeredQueries(ReportQuery.all().withLimit(1)))
                .extracting(AnsweredQuery::query)
                .containsExactly("y");
        assertThat(kb.analytics(PARTNER).topQueries(two))
                .extracting(QueryCount::query)
                .containsExactly("a", "x");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ownOnlyGrants_limitAnAgentsView_toItsOwnDrafts(Backend backend) {
        KnowledgeBase kb = open(
                backend,
                OWN_DRAFTS,
                List.of(
                        article(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, AGENT_9),
                        article(ArticleState.WORK_IN_PROGRESS, Audience.INTERNAL, AGENT_7)),
                List.of(
                        searched("s1", "Entwurf", Viewer.agent(AGENT_9), 2, 1),
                        clicked("s1", Viewer.agent(AGENT_9), "KB-1", 1, 2),
                        searched("s2", "Entwurf", Viewer.agent(AGENT_7), 2, 3),
                        linked("s2", AGENT_7, "KB-2", 2, 4)));
        ReportQuery all = ReportQuery.all();

        assertThat(kb.analytics(AGENT).answeredQueries(all))
                .extracting(row -> row.article().value())
                .containsExactly("KB-2");
        assertThat(kb.analytics(AGENT).contentGaps(all))
                .containsExactly(
                        new ContentGap("entwurf", Locale.GERMAN, 1, T0.plusSeconds(1), ContentGap.Kind.NO_CLICK));
        assertThat(kb.analytics(Viewer.agent(AGENT_9)).answeredQueries(all))
                .extracting(row -> row.article().value())
                .containsExactly("KB-1");
        assertThat(kb.analytics().contentGaps(all)).isEmpty();
        assertThat(kb.analytics(PARTNER).topQueries(all)).isEmpty();
    }

    @Test
    void badInput_failsTyped_andAClosedKnowledgeBaseRefuses() {
        KnowledgeBase kb = open(Backend.IN_MEMORY, VisibilityPolicy.kcsDefault(), List.of(), List.of());
        assertThatThrownBy(() -> kb.analytics(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReportQuery.all().withLimit(0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> ReportQuery.all().withLimit(ReportQuery.MAX_LIMIT + 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("10000");
        assertThatThrownBy(() -> ReportQuery.between(T0, T0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> kb.analytics(PARTNER).contentGaps(null)).isInstanceOf(NullPointerException.class);
        SearchAnalytics partner = kb.analytics(PARTNER);
        // The recorder's counters count every audience's events: only the administrator reads them.
        assertThat(kb.analytics().recording().capacity()).isPositive();
        assertThatThrownBy(partner::recording)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("analytics().recording()");
        kb.close();
        assertThatThrownBy(() -> kb.analytics(PARTNER)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> partner.topQueries(ReportQuery.all())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostAnalyticsStoreWithoutScopedReports_servesTheAdministrator_andRefusesAViewer() {
        ArticleStore inMemory = ArticleStores.inMemory();
        // As a host's store written before scoped reports: the SPI's defaults answer the scoped methods.
        ArticleStore old = (ArticleStore) Proxy.newProxyInstance(
                ArticleStore.class.getClassLoader(),
                new Class<?>[] {ArticleStore.class, AnalyticsStore.class},
                (proxy, method, args) -> {
                    if (method.isDefault()
                            && List.of(method.getParameterTypes()).contains(ReportScope.class)) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                        return "OldHostStore";
                    }
                    try {
                        return method.invoke(inMemory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        KnowledgeBase kb =
                KnowledgeBase.builder().store(old).withoutSearch().clock(CLOCK).build();
        opened.add(kb);
        ((AnalyticsStore) old).append(List.of(searched("s1", "Toner", PUBLIC, 0, 1)));

        assertThat(kb.analytics().contentGaps(ReportQuery.all()))
                .extracting(ContentGap::query)
                .containsExactly("toner");
        assertThatThrownBy(() -> kb.analytics(PUBLIC).contentGaps(ReportQuery.all()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("ReportScope");
    }

    // ---- The property: a viewer's reports depend only on what the viewer may see ------------------------------

    private static final List<String> QUERIES = List.of("drucker", "Drucker offline", "vpn", "kennwort", "internes");
    private static final List<Locale> LANGUAGES = List.of(Locale.GERMAN, Locale.ENGLISH, Locale.ROOT);
    private static final int SLOTS = 8;
    private static final int SEARCH_IDS = 12;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportsForAViewer_areTheSame_whateverTheArticlesAndEventsTheViewerMayNotSee(Backend backend) {
        int trials =
                switch (backend) {
                    case IN_MEMORY, HOST_STORE -> 100;
                    case H2 -> 8;
                    case POSTGRES -> 5;
                };
        long first = Long.getLong("kb.test.seed", new Random().nextLong());
        int adminDiffered = 0;
        for (int trial = 0; trial < trials; trial++) {
            long seed = first + trial;
            try {
                if (trial(backend, seed)) {
                    adminDiffered++;
                }
            } catch (TestAbortedException e) {
                throw e; // no PostgreSQL to run on: skipped, not failed
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "Property failed on " + backend + " with seed " + seed + " (rerun with -Dkb.test.seed=" + seed
                                + "): " + e.getMessage(),
                        e);
            }
            closeAndDropQuietly();
        }
        // The two knowledge bases must really differ, or the property says nothing.
        assertThat(adminDiffered)
                .as("trials whose administrator reports differed, first seed " + first)
                .isPositive();
    }

    private void closeAndDropQuietly() {
        try {
            closeAndDrop();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        opened.clear();
        schemas.clear();
    }

    /** Runs one trial; returns whether the administrator's reports of the two knowledge bases differed. */
    private boolean trial(Backend backend, long seed) {
        var random = new Random(seed);
        Viewer viewer = List.of(PUBLIC, PARTNER, AGENT).get(random.nextInt(3));
        VisibilityPolicy policy = random.nextBoolean() ? VisibilityPolicy.kcsDefault() : OWN_DRAFTS;
        Set<SearchEvent.ViewerKind> seen = EnumSet.noneOf(SearchEvent.ViewerKind.class);
        for (SearchEvent.ViewerKind kind : SearchEvent.ViewerKind.values()) {
            if (rank(kind.audience()) <= rank(viewer.audience())) {
                seen.add(kind);
            }
        }
        List<SearchEvent.ViewerKind> hiddenKinds =
                EnumSet.complementOf(EnumSet.copyOf(seen)).stream().toList();

        // Slots the viewer may see hold the same article in both; the others hold, in each, nothing or an article
        // the viewer may not see.
        List<Optional<Spec>> one = new ArrayList<>();
        List<Optional<Spec>> two = new ArrayList<>();
        List<String> visibleIds = new ArrayList<>();
        List<String> hiddenIds1 = new ArrayList<>(List.of("KB-999"));
        List<String> hiddenIds2 = new ArrayList<>(List.of("KB-999"));
        List<String> hiddenInBoth = new ArrayList<>(List.of("KB-999"));
        for (int slot = 0; slot < SLOTS; slot++) {
            String id = "KB-" + (slot + 1);
            if (random.nextInt(5) < 2) {
                Optional<Spec> visible = spec(random, policy, viewer, true);
                assertThat(visible).as("an article visible to %s", viewer).isPresent();
                one.add(visible);
                two.add(visible);
                visibleIds.add(id);
            } else {
                // (An agent under the KCS default policy sees every article: its hidden slots stay empty.)
                Optional<Spec> a = random.nextInt(4) == 0 ? Optional.empty() : spec(random, policy, viewer, false);
                Optional<Spec> b = random.nextInt(4) == 0 ? Optional.empty() : spec(random, policy, viewer, false);
                one.add(a);
                two.add(b);
                hiddenIds1.add(id);
                hiddenIds2.add(id);
                hiddenInBoth.add(id);
            }
        }
        List<String> anyIdInBoth = new ArrayList<>(visibleIds);
        anyIdInBoth.addAll(hiddenInBoth);

        // Events in both: anything, by anybody, on any article, the viewer's or not.
        List<SearchEvent> common = new ArrayList<>();
        for (int s = 0; s < SEARCH_IDS; s++) {
            if (random.nextInt(6) > 0) {
                common.add(search(random, "s" + s, randomKind(random, List.of(SearchEvent.ViewerKind.values()))));
            }
        }
        int extra = 10 + random.nextInt(30);
        for (int i = 0; i < extra; i++) {
            common.add(anyEvent(random, List.of(SearchEvent.ViewerKind.values()), anyIdInBoth));
        }
        // Events in one only: by searchers the viewer does not see, or on articles it does not see.
        List<SearchEvent> onlyOne = hiddenEvents(random, seen, hiddenKinds, visibleIds, hiddenIds1);
        List<SearchEvent> onlyTwo = hiddenEvents(random, seen, hiddenKinds, visibleIds, hiddenIds2);

        List<SearchEvent> events1 = new ArrayList<>(common);
        events1.addAll(onlyOne);
        Collections.shuffle(events1, random);
        List<SearchEvent> events2 = new ArrayList<>(common);
        events2.addAll(onlyTwo);
        Collections.shuffle(events2, random);

        KnowledgeBase kb1 = open(backend, policy, one, events1);
        KnowledgeBase kb2 = open(backend, policy, two, events2);
        SearchAnalytics scoped1 = kb1.analytics(viewer);
        SearchAnalytics scoped2 = kb2.analytics(viewer);
        // The SQL of a JDBC store and the scans of the in-memory store agree row for row.
        Optional<SearchAnalytics> reference = backend == Backend.H2 || backend == Backend.POSTGRES
                ? Optional.of(open(Backend.IN_MEMORY, policy, one, events1).analytics(viewer))
                : Optional.empty();
        boolean adminDiffered = false;
        for (int q = 0; q < 4; q++) {
            ReportQuery query = reportQuery(random);
            String as = viewer + " under " + (policy == OWN_DRAFTS ? "OWN_DRAFTS" : "kcsDefault") + ", " + query;
            assertThat(scoped2.contentGaps(query)).as(as).isEqualTo(scoped1.contentGaps(query));
            assertThat(scoped2.topQueries(query)).as(as).isEqualTo(scoped1.topQueries(query));
            assertThat(scoped2.clickPositions(query)).as(as).isEqualTo(scoped1.clickPositions(query));
            assertThat(scoped2.answeredQueries(query)).as(as).isEqualTo(scoped1.answeredQueries(query));
            if (reference.isPresent()) {
                String same = as + ", as in memory";
                assertThat(scoped1.contentGaps(query))
                        .as(same)
                        .isEqualTo(reference.get().contentGaps(query));
                assertThat(scoped1.topQueries(query))
                        .as(same)
                        .isEqualTo(reference.get().topQueries(query));
                assertThat(scoped1.clickPositions(query))
                        .as(same)
                        .isEqualTo(reference.get().clickPositions(query));
                assertThat(scoped1.answeredQueries(query))
                        .as(same)
                        .isEqualTo(reference.get().answeredQueries(query));
            }
            assertThat(scoped1.answeredQueries(query))
                    .as("answered queries name only articles %s may read", viewer)
                    .allSatisfy(row ->
                            assertThat(kb1.article(row.article(), viewer)).isPresent());
            adminDiffered |= !kb1.analytics()
                            .contentGaps(query)
                            .equals(kb2.analytics().contentGaps(query))
                    || !kb1.analytics().topQueries(query).equals(kb2.analytics().topQueries(query))
                    || !kb1.analytics()
                            .clickPositions(query)
                            .equals(kb2.analytics().clickPositions(query))
                    || !kb1.analytics()
                            .answeredQueries(query)
                            .equals(kb2.analytics().answeredQueries(query));
        }
        return adminDiffered;
    }

    /**
     * Returns an article that {@code viewer} may ({@code visible}) or may not see under {@code policy}, or empty
     * when there is none.
     */
    private static Optional<Spec> spec(Random random, VisibilityPolicy policy, Viewer viewer, boolean visible) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            var spec = new Spec(
                    ArticleState.values()[random.nextInt(ArticleState.values().length)],
                    Audience.values()[random.nextInt(Audience.values().length)],
                    random.nextBoolean() ? AGENT_7 : AGENT_9,
                    random.nextInt(3) == 0);
            if (permits(policy, viewer, spec) == visible) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code viewer} may read the article, as {@link KnowledgeBase#article(ArticleId, Viewer)} decides. */
    private static boolean permits(VisibilityPolicy policy, Viewer viewer, Spec spec) {
        Visibility visibility = policy.visibleTo(viewer, spec.state() == ArticleState.ARCHIVED);
        for (Visibility.Grant grant : visibility.grants()) {
            if (grant.state() == spec.state()
                    && grant.audience() == spec.audience()
                    && (!grant.ownOnly() || spec.author().id().equals(visibility.authorId()))) {
                return true;
            }
        }
        return false;
    }

    private static List<SearchEvent> hiddenEvents(
            Random random,
            Set<SearchEvent.ViewerKind> seen,
            List<SearchEvent.ViewerKind> hiddenKinds,
            List<String> visibleIds,
            List<String> hiddenIds) {
        List<String> anyId = new ArrayList<>(visibleIds);
        anyId.addAll(hiddenIds);
        List<SearchEvent> events = new ArrayList<>();
        int count = random.nextInt(25);
        for (int i = 0; i < count; i++) {
            if (!hiddenKinds.isEmpty() && random.nextBoolean()) {
                // A searcher the viewer does not see: anything, on any article, also on the searches it sees.
                events.add(
                        random.nextInt(3) == 0
                                ? search(random, "s" + random.nextInt(SEARCH_IDS + 4), randomKind(random, hiddenKinds))
                                : anyEvent(random, hiddenKinds, anyId));
            } else {
                // A searcher the viewer sees, on an article it does not: a forged click, a pick, a link.
                events.add(anyEvent(random, List.copyOf(seen), hiddenIds));
            }
        }
        return events;
    }

    private static SearchEvent search(Random random, String searchId, SearchEvent.ViewerKind kind) {
        return SearchEvent.search(
                at(random),
                SearchId.of(searchId),
                QUERIES.get(random.nextInt(QUERIES.size())),
                viewerOf(kind),
                random.nextBoolean() ? "" : "visitor-" + random.nextInt(4),
                LANGUAGES.get(random.nextInt(LANGUAGES.size())),
                random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(5));
    }

    /** A click, suggestion pick or case link on one of {@code ids}, by a searcher of one of {@code kinds}. */
    private static SearchEvent anyEvent(Random random, List<SearchEvent.ViewerKind> kinds, List<String> ids) {
        ArticleId article = ArticleId.of(ids.get(random.nextInt(ids.size())));
        SearchEvent.ViewerKind kind = randomKind(random, kinds);
        SearchOrigin origin = SearchOrigin.of(SearchId.of("s" + random.nextInt(SEARCH_IDS + 4)), 1 + random.nextInt(4));
        return switch (random.nextInt(kind == SearchEvent.ViewerKind.AGENT ? 3 : 2)) {
            case 0 -> SearchEvent.click(at(random), viewerOf(kind), article, origin);
            case 1 ->
                SearchEvent.suggestionPick(
                        at(random),
                        viewerOf(kind),
                        QUERIES.get(random.nextInt(QUERIES.size())),
                        LANGUAGES.get(random.nextInt(LANGUAGES.size())),
                        article,
                        1 + random.nextInt(4));
            default -> SearchEvent.link(at(random), AGENT_9, article, origin);
        };
    }

    private static SearchEvent link(Random random, List<String> ids) {
        return SearchEvent.link(
                at(random),
                AGENT_9,
                ArticleId.of(ids.get(random.nextInt(ids.size()))),
                SearchOrigin.of(SearchId.of("s" + random.nextInt(SEARCH_IDS + 4)), 1 + random.nextInt(4)));
    }

    private static SearchEvent.ViewerKind randomKind(Random random, List<SearchEvent.ViewerKind> kinds) {
        return kinds.get(random.nextInt(kinds.size()));
    }

    private static Viewer viewerOf(SearchEvent.ViewerKind kind) {
        return switch (kind) {
            case PUBLIC -> Viewer.anonymous();
            case PARTNER -> Viewer.partner("partner-" + kind.ordinal());
            case AGENT -> Viewer.agent(AGENT_9);
        };
    }

    private static Instant at(Random random) {
        return T0.plusSeconds(random.nextInt(100)).plusNanos(random.nextInt(1_000) * 1_000L);
    }

    private static ReportQuery reportQuery(Random random) {
        ReportQuery query = random.nextBoolean()
                ? ReportQuery.all()
                : ReportQuery.between(T0.plusSeconds(random.nextInt(50)), T0.plusSeconds(50 + random.nextInt(60)));
        if (random.nextInt(3) == 0) {
            query = query.withLanguage(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
        }
        return query.withLimit(random.nextBoolean() ? 1 + random.nextInt(4) : ReportQuery.MAX_LIMIT);
    }

    private static int rank(Audience audience) {
        return switch (audience) {
            case PUBLIC -> 0;
            case PARTNER -> 1;
            case INTERNAL -> 2;
        };
    }
}
