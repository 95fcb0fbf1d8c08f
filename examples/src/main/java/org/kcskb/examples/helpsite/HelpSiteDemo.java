package org.kcskb.examples.helpsite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.kcskb.KnowledgeBase;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.opensearch.OpenSearchEngineProvider;

/**
 * Starts the help-site demo: the sample knowledge base in the embedded default store, served with the search
 * widget at {@code http://localhost:8080/}.
 *
 * <p>Run it with {@code ./mvnw -q -ntp -pl examples -am package exec:java -DskipTests} (the README's main
 * command). Options: {@code --port N} (0 for any free port), {@code --host NAME} ({@code 0.0.0.0} to listen on
 * every interface), {@code --data DIR} (default {@code kb-data}) and {@code --opensearch URL[,URL]} (search on an
 * OpenSearch cluster instead of the embedded index; the store stays in the data directory) and {@code --partner-port N}
 * (a partner's page on a second origin that embeds the widget from the help site, at
 * {@code http://localhost:8081/} by default: the port + 1); with exec:java pass them as
 * {@code -Dexec.args="--port 9090"}. Ctrl+C stops it cleanly; the knowledge base, with the feedback given, stays in
 * the data directory for the next start.
 */
public final class HelpSiteDemo {
    private HelpSiteDemo() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        Path directory = options.data().toAbsolutePath();
        out.println("Opening the knowledge base in " + directory);
        var stopped = new CountDownLatch(1);
        var builder = KnowledgeBase.builder().directory(directory);
        if (!options.openSearch().isEmpty()) {
            out.println("Searching on OpenSearch at " + options.openSearch());
            builder.searchEngine(OpenSearchEngineProvider.builder()
                    .urls(options.openSearch())
                    .build());
        }
        try (KnowledgeBase kb = builder.build()) {
            var summary = SampleKnowledgeBase.loadIfEmpty(kb);
            if (summary.loaded()) {
                out.println("Loaded the sample knowledge base: "
                        + summary.articles().size() + " articles, "
                        + summary.links() + " case links, " + summary.flags() + " flags, " + summary.feedback()
                        + " feedback entries");
            }
            publishDemoNotice(kb, out);
            if (!kb.awaitSearchable(Duration.ofSeconds(60))) {
                out.println("The search index is still catching up; searches may miss articles for a moment");
            }
            try (HelpSiteServer site = HelpSiteServer.builder(kb)
                            .host(options.host())
                            .port(options.port())
                            // What a visitor wrote stays off the console: it is personal, and it could hold terminal
                            // escapes. A real site passes the hand-off to its ticket system here.
                            .onHandOff(handOff -> out.println("Support hand-off " + handOff.reference() + " received"
                                    + (handOff.message().isEmpty() ? "" : " with a message")))
                            .start();
                    PartnerPage partner =
                            PartnerPage.start(options.host(), options.partnerPortToUse(), site.address())) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(site, stopped), "help-site-shutdown"));
                out.println();
                out.println("Help site running at " + site.address() + " (Ctrl+C to stop)");
                out.println("  JSON API: " + site.address() + "api/search?q=drucker+offline");
                out.println("  Partner:  " + partner.address() + " (another origin that embeds the widget from "
                        + site.address() + ")");
                out.println("  Embed:    <div id=\"kb-help\"></div> <script src=\"" + site.address()
                        + "kb-widget.js\" data-kb-target=\"#kb-help\" defer></script>");
                site.join();
            }
        } finally {
            stopped.countDown();
        }
        out.println("Stopped. The knowledge base and its feedback are kept in " + directory);
    }

    /**
     * Publishes the demo's known-issue notice for two hours, unless one is active: searches such as "drucker druckt
     * nicht" show it as a banner above the results, and the start page shows it too.
     */
    static void publishDemoNotice(KnowledgeBase kb, PrintStream out) {
        if (!kb.activeNotices(org.kcskb.actor.Viewer.anonymous()).isEmpty()) {
            return;
        }
        org.kcskb.notice.Notice notice = kb.publishNotice(
                org.kcskb.actor.Actor.publisher("demo-coach"),
                org.kcskb.notice.NoticeDraft.builder()
                        .text(
                                java.util.Locale.GERMAN,
                                "Drucker druckt nach Update KB5034 nicht",
                                "Seit dem Windows-Update KB5034 drucken manche Drucker nicht mehr. Wir arbeiten an"
                                        + " einer Lösung; bis dahin hilft es, das Update zu deinstallieren.")
                        .text(
                                java.util.Locale.ENGLISH,
                                "Printer does not print after update KB5034",
                                "Since Windows update KB5034 some printers no longer print. We are working on a fix;"
                                        + " until then, uninstalling the update helps.")
                        .products("Windows 11")
                        .symptoms("drucker druckt nicht", "printer does not print", "KB5034")
                        .audience(org.kcskb.article.Audience.PUBLIC)
                        .showToAll(true)
                        .lasting(Duration.ofHours(2))
                        .build());
        out.println("Published the demo notice " + notice.id() + " until " + notice.end()
                + " (search for 'drucker druckt nicht')");
    }

    /** Runs on Ctrl+C: stops the server so that main closes the knowledge base, and waits for that. */
    private static void stop(HelpSiteServer site, CountDownLatch stopped) {
        site.close();
        try {
            stopped.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command-line options. */
    record Options(String host, int port, Path data, List<String> openSearch, int partnerPort) {
        /** The partner page's port when none is given: the help site's port + 1 (any free port for --port 0). */
        static final int PARTNER_NEXT_PORT = -1;

        Options(String host, int port, Path data) {
            this(host, port, data, List.of());
        }

        Options(String host, int port, Path data, List<String> openSearch) {
            this(host, port, data, openSearch, PARTNER_NEXT_PORT);
        }

        /** The port the partner page listens on. */
        int partnerPortToUse() {
            if (partnerPort != PARTNER_NEXT_PORT) {
                return partnerPort;
            }
            return port == 0 || port == 65_535 ? 0 : port + 1;
        }

        static Options parse(String[] args) {
            String host = "localhost";
            int port = 8080;
            Path data = Path.of("kb-data");
            List<String> openSearch = List.of();
            int partnerPort = PARTNER_NEXT_PORT;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw usage("'" + name + "' needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--host" -> host = value;
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw usage("--port takes a number from 0 to 65535, was '" + value + "'");
                        }
                    }
                    case "--partner-port" -> {
                        try {
                            partnerPort = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            partnerPort = -2;
                        }
                        if (partnerPort < 0 || partnerPort > 65_535) {
                            throw usage("--partner-port takes a number from 0 to 65535, was '" + value + "'");
                        }
                    }
                    case "--data" -> data = Path.of(value);
                    case "--opensearch" -> {
                        openSearch = List.of(value.split(","));
                        try {
                            OpenSearchEngineProvider.builder().urls(openSearch).build();
                        } catch (IllegalArgumentException e) {
                            throw usage("--opensearch: " + e.getMessage());
                        }
                    }
                    default -> throw usage("unknown option '" + name + "'");
                }
            }
            return new Options(host, port, data, openSearch, partnerPort);
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(
                    problem + "; options: --port N (default 8080, 0 = any free port), --host NAME (default"
                            + " localhost), --data DIR (default kb-data), --opensearch URL[,URL] (default: the"
                            + " embedded index), --partner-port N (the page that embeds the widget from another"
                            + " origin; default the port + 1)");
        }
    }
}
