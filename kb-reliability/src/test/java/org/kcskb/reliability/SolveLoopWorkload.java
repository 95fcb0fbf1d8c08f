package org.kcskb.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.kcskb.Draft;
import org.kcskb.KbException;
import org.kcskb.KnowledgeBase;
import org.kcskb.StorageException;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.lifecycle.KcsLifecyclePolicy;
import org.kcskb.search.SearchRequest;

/**
 * Random Solve Loop writes against one knowledge base (capture, link, flag, revise, transition, publish, feedback,
 * views), with occasional searches and rebuilds; after each write whose call returned, one line goes to the
 * acknowledgement log ({@link AcknowledgedWrites} reads it back). Every write carries a marker that no other write
 * has (the capture's title, the case id, the flag, feedback and revision comment), so a write stored twice shows.
 * Not thread-safe.
 */
final class SolveLoopWorkload {
    /** Writes with every licence: the lifecycle rules still apply (the state machine), the licence rules pass. */
    static final Actor WRITER = Actor.administrator("campaign-admin");

    /** Receives one acknowledgement line; must have written it (and flushed) when it returns. */
    @FunctionalInterface
    interface Acknowledgements {
        void acknowledge(String line) throws IOException;
    }

    private record Tracked(ArticleId id, int revision, ArticleState state, Audience audience, String marker) {
        Tracked after(Article article) {
            return new Tracked(id, article.revision(), article.state(), article.audience(), marker);
        }
    }

    private final KnowledgeBase kb;
    private final SplittableRandom random;
    private final String prefix;
    private final Acknowledgements log;
    private final List<Tracked> articles = new ArrayList<>();
    private int counter;
    private int failed;
    private final java.util.Map<String, Integer> failures = new java.util.TreeMap<>();
    /**
     * Articles whose last edit failed with a storage failure: such an edit may still have been committed (the
     * connection dropped after the commit and before the answer), so the tracked revision is read again from the
     * store before the next edit, as a client that gets a StorageException must do.
     */
    private final java.util.Set<ArticleId> uncertain = new java.util.HashSet<>();

    /**
     * @param prefix starts every marker of this run (letters only, unique per run), so markers of different runs
     *     never meet
     */
    SolveLoopWorkload(KnowledgeBase kb, SplittableRandom random, String prefix, Acknowledgements log) {
        this.kb = kb;
        this.random = random;
        this.prefix = prefix;
        this.log = log;
    }

    /** The marker of run {@code run}: {@code zq} and the run number in letters. */
    static String runPrefix(String tag, int run) {
        return "zq" + tag + letters(run, 3);
    }

    /** {@code n} in base 26 as {@code width} lowercase letters: analysers keep such a word whole. */
    static String letters(long n, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (char) ('a' + n % 26);
            n /= 26;
        }
        return new String(out);
    }

    private String marker() {
        return prefix + letters(counter++, 4);
    }

    /** How many writes failed with a {@link KbException} (refused by a rule, or the store failed); not logged. */
    int failed() {
        return failed;
    }

    /** The failed writes by exception class. */
    java.util.Map<String, Integer> failures() {
        return failures;
    }

    private void failed(KbException e) {
        failed++;
        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
    }

    /** Does one random operation; logs it if it was a write that returned. */
    void step() throws IOException {
        int dice = random.nextInt(100);
        if (articles.isEmpty() || dice < 25) {
            capture();
            return;
        }
        int index = random.nextInt(articles.size());
        Tracked article = articles.get(index);
        try {
            if (uncertain.contains(article.id())) {
                Tracked current = article;
                article = kb.article(article.id()).map(current::after).orElse(article);
                articles.set(index, article);
                uncertain.remove(article.id());
            }
            if (dice < 37) {
                String caseId = "CASE-" + marker();
                kb.link(
                        WRITER,
                        article.id(),
                        CaseId.of(caseId),
                        LinkType.values()[random.nextInt(LinkType.values().length)]);
                log.acknowledge("link " + article.id() + " " + caseId);
            } else if (dice < 45) {
                String marker = marker();
                kb.flag(WRITER, article.id(), FlagReason.values()[random.nextInt(FlagReason.values().length)], marker);
                log.acknowledge("flag " + article.id() + " " + marker);
            } else if (dice < 55) {
                String marker = marker();
                Article revised = kb.update(
                        WRITER,
                        article.id(),
                        Update.of(article.revision())
                                .content(content(article.marker())
                                        .withIssue("Revised " + marker + ": the printer is offline again."))
                                .comment(marker));
                articles.set(index, article.after(revised));
                log.acknowledge("revise " + article.id() + " " + revised.revision() + " " + marker);
            } else if (dice < 65) {
                var next = new ArrayList<>(KcsLifecyclePolicy.allowedTransitions(article.state()));
                ArticleState state = next.get(random.nextInt(next.size()));
                String marker = marker();
                Article moved = kb.update(
                        WRITER,
                        article.id(),
                        Update.of(article.revision()).state(state).comment(marker));
                articles.set(index, article.after(moved));
                log.acknowledge("state " + article.id() + " " + moved.revision() + " " + state + " " + marker);
            } else if (dice < 73) {
                Audience audience = Audience.values()[random.nextInt(Audience.values().length)];
                if (audience == article.audience()) {
                    return;
                }
                String marker = marker();
                Article published = kb.update(
                        WRITER,
                        article.id(),
                        Update.of(article.revision()).audience(audience).comment(marker));
                articles.set(index, article.after(published));
                log.acknowledge("publish " + article.id() + " " + published.revision() + " " + audience + " " + marker);
            } else if (dice < 83) {
                if (article.state() == ArticleState.ARCHIVED) {
                    return;
                }
                String marker = marker();
                kb.feedback(Viewer.agent(WRITER), article.id(), random.nextBoolean(), marker);
                log.acknowledge("feedback " + article.id() + " " + marker);
            } else if (dice < 95) {
                if (article.state() == ArticleState.ARCHIVED) {
                    return;
                }
                kb.recordView(Viewer.agent(WRITER), article.id());
                log.acknowledge("view " + article.id());
            } else if (dice < 99) {
                kb.search(SearchRequest.builder(article.marker(), Viewer.agent(WRITER))
                        .includeArchived(true)
                        .recorded(false)
                        .build());
            } else {
                kb.rebuildIndex();
                log.acknowledge("rebuild");
            }
        } catch (KbException e) {
            if (e instanceof StorageException) {
                uncertain.add(article.id());
            }
            failed(e);
        }
    }

    private void capture() throws IOException {
        String marker = marker();
        try {
            Article article = kb.capture(WRITER, Draft.of(content(marker)));
            articles.add(new Tracked(article.id(), article.revision(), article.state(), article.audience(), marker));
            log.acknowledge("capture " + article.id() + " " + marker);
        } catch (KbException e) {
            failed(e);
        }
    }

    private static ArticleContent content(String marker) {
        return ArticleContent.of("Printer offline " + marker, "The printer shows offline after the update.")
                .withResolution("Restart the print spooler.")
                .withLanguage(Locale.ENGLISH);
    }
}
