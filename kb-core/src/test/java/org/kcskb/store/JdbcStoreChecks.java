package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.kcskb.RevisionConflictException;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.ArticleStoreContract;
import org.kcskb.store.spi.Mutation;

/** Checks for the JDBC stores beyond {@link ArticleStoreContract}, shared by the H2 and PostgreSQL tests. */
final class JdbcStoreChecks {
    private JdbcStoreChecks() {}

    /** Content that an encoding could get wrong: escapes, separators, line breaks, astral characters. */
    static ArticleContent awkwardContent() {
        return new ArticleContent(
                "Ünïcödé 😀 – 漢字 \\ back\\slash; 'quotes' \"double\"",
                "line 1\nline 2\r\nline 3\ttab\\n literally",
                new Environment(
                        Map.of("product", "Acme\nPrint = \\n", "version", "", "component", "x=y\\"),
                        "multi\nline\r\nenvironment"),
                "Treiber 5.1 installieren.\n\n1. Schritt\n2. Schritt",
                "",
                Locale.forLanguageTag("zh-Hant-TW"),
                Set.of("a=b", "line\nbreak", "back\\slash", "trailing\\", "ünï", "😀", "\\n"));
    }

    /** Writes revisions, links, flags and feedback with awkward values and reads them back unchanged. */
    static void roundTripsAwkwardValuesExactly(ArticleStore store) {
        ArticleId id = store.allocateId();
        var first = new Revision(
                id,
                1,
                awkwardContent(),
                ArticleState.WORK_IN_PROGRESS,
                Audience.PARTNER,
                Optional.empty(),
                Actor.administrator("ädmin 7 – 😀"),
                Instant.parse("1969-07-20T20:17:40.123456789Z"),
                RevisionKind.CAPTURED,
                "comment\nwith newline");
        var second = new Revision(
                id,
                2,
                ArticleContent.of("Plain", "Plain issue"),
                ArticleState.ARCHIVED,
                Audience.PUBLIC,
                Optional.of(ArticleId.of("KB-9.x_y")),
                Actor.candidate("c"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                RevisionKind.MERGED,
                "");
        var link = new CaseLink(id, CaseId.of("CASE-ß-1 😀"), LinkType.REFERENCE, 1, "agent-7", Instant.EPOCH);
        var flag = new Flag(
                "flag-ü",
                id,
                FlagReason.INCORRECT,
                "falsch\nganz",
                "agent-8",
                Instant.ofEpochSecond(-1, 1),
                Optional.empty());
        var resolved = flag.resolve("pub-1", Instant.ofEpochSecond(1_700_000_000L, 999_999_999), "");
        var feedback = new Feedback("fb-😀", id, false, "hilft\nnicht", "partner-ß", Instant.ofEpochSecond(0, 1));

        store.commit(List.of(
                new Mutation.AppendRevision(first),
                new Mutation.PutLink(link),
                new Mutation.PutFlag(flag),
                new Mutation.AddFeedback(feedback)));
        assertThat(store.flag("flag-ü")).contains(flag);
        store.commit(List.of(new Mutation.AppendRevision(second), new Mutation.PutFlag(resolved)));

        assertThat(store.revisions(id)).containsExactly(first, second);
        assertThat(store.revision(id, 1).orElseThrow().content()).isEqualTo(awkwardContent());
        assertThat(store.links(id)).containsExactly(link);
        assertThat(store.linksOfCase(link.caseId())).containsExactly(link);
        assertThat(store.flags(id)).containsExactly(resolved);
        assertThat(store.feedback(id)).containsExactly(feedback);
        var article = store.article(id).orElseThrow();
        assertThat(article.created()).isEqualTo(first.at());
        assertThat(article.author()).isEqualTo(first.author().id());
        assertThat(article.modified()).isEqualTo(second.at());
        assertThat(article.mergedInto()).contains(ArticleId.of("KB-9.x_y"));
        assertThat(article.signals().openFlagCount()).isZero();
        assertThat(article.signals().unhelpfulCount()).isEqualTo(1);
    }

    /** Article ids page in {@link ArticleId} order, which is not a natural-language collation. */
    static void pagesArticleIdsInArticleIdOrder(ArticleStore store) {
        var ids = List.of("KB-10", "KB-9", "kb-1", "KB.1", "KB_1", "KB1", "Z", "a-b", "a.b", "0");
        for (String value : ids) {
            var revision = new Revision(
                    ArticleId.of(value),
                    1,
                    ArticleContent.of(value, "issue"),
                    ArticleState.WORK_IN_PROGRESS,
                    Audience.INTERNAL,
                    Optional.empty(),
                    Actor.candidate("c"),
                    Instant.EPOCH,
                    RevisionKind.CAPTURED,
                    "");
            store.commit(List.of(new Mutation.AppendRevision(revision)));
        }
        var seen = new ArrayList<ArticleId>();
        Optional<ArticleId> after = Optional.empty();
        for (List<ArticleId> page; !(page = store.articleIds(after, 3)).isEmpty(); ) {
            seen.addAll(page);
            after = Optional.of(page.getLast());
        }
        assertThat(seen).isSorted().hasSize(ids.size());
    }

    /**
     * Two writers append the same revision number at the same moment, {@code rounds} times: exactly one wins
     * each round, the other gets a conflict, and the history has every winner and nothing else.
     */
    static void racingWritersNeverLoseAnUpdate(ArticleStore store, int rounds) throws Exception {
        ArticleId id = store.allocateId();
        store.commit(List.of(new Mutation.AppendRevision(revision(id, 1, "start"))));
        var barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var winners = new ArrayList<String>();
            for (int round = 2; round <= rounds + 1; round++) {
                int number = round;
                var futures = new ArrayList<Future<String>>();
                for (String writer : List.of("a", "b")) {
                    futures.add(pool.submit(() -> {
                        String title = "round " + number + " by " + writer;
                        barrier.await(10, TimeUnit.SECONDS);
                        try {
                            store.commit(List.of(new Mutation.AppendRevision(revision(id, number, title))));
                            return title;
                        } catch (RevisionConflictException e) {
                            assertThat(e.currentRevision()).isEqualTo(number);
                            return null;
                        }
                    }));
                }
                var won = new ArrayList<String>();
                for (Future<String> f : futures) {
                    String title = f.get(30, TimeUnit.SECONDS);
                    if (title != null) {
                        won.add(title);
                    }
                }
                assertThat(won).as("winners of round %d", round).hasSize(1);
                winners.add(won.getFirst());
            }
            assertThat(store.revisions(id).stream().skip(1).map(r -> r.content().title()))
                    .containsExactlyElementsOf(winners);
            assertThat(store.article(id).orElseThrow().revision()).isEqualTo(rounds + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Revision revision(ArticleId id, int number, String title) {
        return new Revision(
                id,
                number,
                ArticleContent.of(title, "issue"),
                ArticleState.WORK_IN_PROGRESS,
                Audience.INTERNAL,
                Optional.empty(),
                Actor.candidate("writer"),
                Instant.EPOCH.plusSeconds(number),
                number == 1 ? RevisionKind.CAPTURED : RevisionKind.REVISED,
                "");
    }

    /**
     * Checks that two stores in different schemas of one database keep their vocabularies, audit trails, feeds and
     * vocabulary id sequences apart: statements and the sequence name must be qualified with the schema.
     */
    static void vocabularyStaysInItsSchema(ArticleStore store, ArticleStore other) {
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        var entry = new org.kcskb.vocabulary.VocabularyEntry(
                store.allocateVocabularyId(),
                Locale.GERMAN,
                org.kcskb.vocabulary.VocabularyRule.Synonyms.of("beamer", "projektor"),
                Optional.of(Actor.publisher("coach-1")),
                at);
        store.putVocabulary(entry);
        long otherFeed = other.lastSequence();

        assertThat(entry.id()).isEqualTo("V-1");
        assertThat(other.vocabulary()).isEmpty();
        assertThat(other.vocabularyAudit()).isEmpty();
        assertThat(other.lastSequence()).isEqualTo(otherFeed);
        assertThat(other.allocateVocabularyId())
                .as("the other schema's own sequence")
                .isEqualTo("V-1");
        assertThat(store.allocateVocabularyId()).isEqualTo("V-2");
        assertThat(store.vocabulary()).containsExactly(entry);
    }
    /** The products {@link #listsEachProductsArticles} writes: awkward, long, changed by a later revision, none. */
    static final List<String> PRODUCTS = List.of(
            "Acme Mail", "Acme\nPrint = \\n", "back\\slash\\", "P".repeat(250), "product=Acme Mail", "Ünïcödé 😀");

    /**
     * Writes an article for each of {@link #PRODUCTS} (the first twice), one whose product a later revision changes
     * from "Old" to the first product, one whose later revision names none, and one without a product; returns their
     * ids, by product listed ("" for those without).
     */
    static Map<String, List<ArticleId>> writeProducts(ArticleStore store) {
        var byProduct = new java.util.LinkedHashMap<String, List<ArticleId>>();
        for (String product : PRODUCTS) {
            byProduct.computeIfAbsent(product, k -> new ArrayList<>()).add(write(store, 1, Optional.of(product), "v1"));
        }
        byProduct.get(PRODUCTS.getFirst()).add(write(store, 1, Optional.of(PRODUCTS.getFirst()), "v2"));
        ArticleId changed = write(store, 1, Optional.of("Old"), "");
        write(store, changed, 2, Optional.of(PRODUCTS.getFirst()));
        byProduct.get(PRODUCTS.getFirst()).add(changed);
        ArticleId dropped = write(store, 1, Optional.of("Old"), "");
        write(store, dropped, 2, Optional.empty());
        byProduct.put("", new ArrayList<>(List.of(dropped, write(store, 1, Optional.empty(), "v1"))));
        return byProduct;
    }

    /** Checks that a product listing of {@code store} lists exactly the articles {@link #writeProducts} wrote. */
    static void listsEachProductsArticles(ArticleStore store, Map<String, List<ArticleId>> byProduct) {
        var everything = new org.kcskb.lifecycle.Visibility(
                org.kcskb.actor.Viewer.agent(Actor.contributor("agent-1")),
                java.util.Arrays.stream(ArticleState.values())
                        .flatMap(s -> java.util.Arrays.stream(Audience.values())
                                .map(a -> new org.kcskb.lifecycle.Visibility.Grant(s, a, false)))
                        .collect(java.util.stream.Collectors.toSet()));
        for (String product : PRODUCTS) {
            var request = org.kcskb.browse.BrowseRequest.builder()
                    .product(product)
                    .limit(50)
                    .build();
            assertThat(store.browse(request, everything, Optional.empty(), 50))
                    .as("product '%s'", product)
                    .extracting(org.kcskb.browse.ArticleSummary::id)
                    .containsExactlyInAnyOrderElementsOf(byProduct.get(product));
            assertThat(store.browseCounts(request, everything).total())
                    .as("count of product '%s'", product)
                    .isEqualTo(byProduct.get(product).size());
        }
        var old = org.kcskb.browse.BrowseRequest.builder()
                .product("Old")
                .limit(50)
                .build();
        assertThat(store.browse(old, everything, Optional.empty(), 50))
                .as("a product only an earlier revision named")
                .isEmpty();
    }

    private static ArticleId write(ArticleStore store, int number, Optional<String> product, String version) {
        ArticleId id = store.allocateId();
        write(store, id, number, product, version);
        return id;
    }

    private static void write(ArticleStore store, ArticleId id, int number, Optional<String> product) {
        write(store, id, number, product, "");
    }

    private static void write(ArticleStore store, ArticleId id, int number, Optional<String> product, String version) {
        var attributes = new java.util.TreeMap<String, String>();
        product.ifPresent(p -> attributes.put(Environment.PRODUCT, p));
        if (!version.isEmpty()) {
            attributes.put(Environment.VERSION, version);
        }
        var content = new ArticleContent(
                "Article " + id.value(),
                "Issue",
                new Environment(attributes, ""),
                "Resolution",
                "",
                Locale.ROOT,
                Set.of());
        store.commit(List.of(new Mutation.AppendRevision(new Revision(
                id,
                number,
                content,
                ArticleState.VALIDATED,
                Audience.INTERNAL,
                Optional.empty(),
                Actor.contributor("agent-1"),
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(number),
                RevisionKind.CAPTURED,
                ""))));
    }
}
