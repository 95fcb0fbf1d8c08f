package org.kcskb.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.kcskb.ActionRefusedException;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.RevisionConflictException;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.Environment;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.search.SearchHit;
import org.kcskb.search.SearchRequest;

/**
 * Plays the KCS Solve Loop once on the embedded default store and prints each step.
 *
 * <p>Run it with {@code ./mvnw -q -ntp -pl examples -am package exec:java -DskipTests}; the knowledge base
 * lives in {@code ./kb-data} (or the directory given as the first argument) and survives restarts.
 */
public final class SolveLoopDemo {
    private SolveLoopDemo() {}

    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "kb-data").toAbsolutePath();
        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            run(kb, System.out);
        }
        System.out.println("\nThe knowledge base is in " + directory + "; run again to see it persist.");
    }

    static void run(KnowledgeBase kb, java.io.PrintStream out) {
        Actor candidate = Actor.candidate("agent-7");
        Actor contributor = Actor.contributor("lead-2");
        Actor publisher = Actor.publisher("pub-1");

        out.println("1. Capture three articles from cases, in the customers' words");
        Article printer = kb.capture(
                candidate,
                Draft.of(ArticleContent.of(
                                        "Drucker druckt nach Windows-Update nicht mehr",
                                        "Seit dem letzten Windows-Update druckt der Drucker keine Seiten mehr.")
                                .withEnvironment(Environment.of("Acme Print", "4.2", "Windows 11 23H2"))
                                .withResolution("Druckertreiber deinstallieren und Version 5.1 installieren.")
                                .withLanguage(Locale.GERMAN))
                        .fromCase(CaseId.of("CASE-1001")));
        Article vpn = kb.capture(
                candidate,
                ArticleContent.of("VPN disconnects every hour", "The VPN tunnel drops exactly every 60 minutes.")
                        .withEnvironment(Environment.of("Acme VPN", "2.0", "macOS 15"))
                        .withLanguage(Locale.ENGLISH));
        Article password = kb.capture(
                contributor,
                Draft.of(ArticleContent.of("Password reset link expired", "The reset link says it has expired.")
                                .withResolution("Request a new link; links are valid for 30 minutes.")
                                .withLanguage(Locale.ENGLISH))
                        .withState(ArticleState.VALIDATED));
        for (Article a : new Article[] {printer, vpn, password}) {
            out.printf("   %s [%s, %s, %s] %s%n", a.id(), a.state(), a.audience(), a.language(), a.title());
        }

        out.println("2. Reuse: link the printer article to a second case");
        kb.link(candidate, printer.id(), CaseId.of("CASE-1002"), LinkType.RESOLUTION);
        out.println("   reuse count: "
                + kb.article(printer.id()).orElseThrow().signals().reuseCount());

        out.println("3. Improve: flag the VPN article");
        kb.flag(candidate, vpn.id(), FlagReason.INCOMPLETE, "No resolution yet");
        out.println(
                "   open flags: " + kb.article(vpn.id()).orElseThrow().signals().openFlagCount());

        out.println("4. Revise with a stale revision number");
        kb.revise(candidate, printer.id(), 1, printer.content().withCause("Treiber 4.x ist inkompatibel"), "cause");
        try {
            kb.revise(candidate, printer.id(), 1, printer.content().withCause("lost update"), "");
        } catch (RevisionConflictException e) {
            out.println("   conflict: " + e.getMessage());
        }

        out.println("5. A Candidate tries to publish to PUBLIC");
        try {
            kb.publish(candidate, printer.id(), 2, Audience.PUBLIC);
        } catch (ActionRefusedException e) {
            out.println("   refused: " + e.getMessage());
        }

        out.println("6. Validate and publish with the right licences");
        Article validated = kb.transition(contributor, printer.id(), 2, ArticleState.VALIDATED);
        kb.publish(publisher, printer.id(), validated.revision(), Audience.PUBLIC);
        kb.history(printer.id())
                .revisions()
                .forEach(r -> out.printf(
                        "   rev %d %-16s by %-8s %s%n",
                        r.number(), r.kind(), r.author().id(), r.state() + "/" + r.audience()));

        out.println("7. Search as the public");
        kb.awaitSearchable(Duration.ofSeconds(10));
        for (String query : new String[] {"druckertreiber update", "drucker druckt nicht", "vpn disconnects"}) {
            var hits = kb.search(SearchRequest.of(query, Viewer.anonymous())).hits();
            out.printf(
                    "   '%s' -> %s%n",
                    query,
                    hits.isEmpty()
                            ? "(nothing the public may see)"
                            : hits.stream().map(SearchHit::title).toList());
        }
    }
}
