package org.kcskb.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Languages;
import org.kcskb.store.spi.ArticleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Counts the store's articles by state, audience and language, with revisions, case links, open"
                + " flags and imported articles (one pass over the store; the index is not opened).")
final class StatsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var states = new EnumMap<ArticleState, Long>(ArticleState.class);
        var audiences = new EnumMap<Audience, Long>(Audience.class);
        var languages = new TreeMap<String, Long>();
        long[] totals = new long[4]; // articles, revisions, links, open flags
        long imported = 0;
        long lastSequence;
        target.requireExisting(spec);
        try (ArticleStore store = target.openStore()) {
            store.scanActivity(activity -> {
                totals[0]++;
                totals[1] += activity.article().revision();
                totals[2] += activity.links().size();
                totals[3] += activity.flags().stream().filter(f -> f.isOpen()).count();
                states.merge(activity.article().state(), 1L, Long::sum);
                audiences.merge(activity.article().audience(), 1L, Long::sum);
                languages.merge(Languages.tag(activity.article().language()), 1L, Long::sum);
            });
            Optional<ArticleId> after = Optional.empty();
            while (true) {
                List<ArticleId> page = store.articleIds(after, 1000);
                imported += store.sourceIds(new ArrayList<>(page)).size();
                if (page.size() < 1000) {
                    break;
                }
                after = Optional.of(page.getLast());
            }
            lastSequence = store.lastSequence();
        }
        out.println("Knowledge base " + target.describe());
        out.printf(Locale.ROOT, "  articles      %,d (%,d imported)%n", totals[0], imported);
        out.printf(Locale.ROOT, "  revisions     %,d%n", totals[1]);
        out.printf(Locale.ROOT, "  case links    %,d%n", totals[2]);
        out.printf(Locale.ROOT, "  open flags    %,d%n", totals[3]);
        out.println("  by state      " + join(states));
        out.println("  by audience   " + join(audiences));
        out.println("  by language   " + join(languages));
        out.printf(Locale.ROOT, "  change feed   %,d entries%n", lastSequence);
        return 0;
    }

    private static String join(Map<?, Long> counts) {
        var text = new StringBuilder();
        counts.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%,d", v)));
        return text.isEmpty() ? "-" : text.toString();
    }
}
