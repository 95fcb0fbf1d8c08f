package org.kcskb.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A reproducible synthetic KCS corpus: German and English support articles built from a seed, with products,
 * versions, compound nouns and natural-language queries over the same vocabulary.
 *
 * <p>The same seed and size always give the same articles and queries, so every engine in a benchmark sees the
 * same input; {@link BenchmarkCorpus} names the corpora the benchmarks use. Stateless and thread-safe.
 */
public final class SyntheticCorpus {
    private static final String[] PRODUCTS = {"Acme Print", "Acme VPN", "Acme Billing", "Acme Mail", "Acme Desk"};
    private static final String[] DE_NOUNS = {
        "Drucker", "Treiber", "Netzwerk", "Passwort", "Konto", "Rechnung", "Anmeldung", "Verbindung", "Server",
        "Postfach", "Zertifikat", "Lizenz", "Speicher", "Bildschirm", "Tastatur", "Update", "Datenbank", "Benutzer",
        "Sicherung", "Warteschlange", "Fehler", "Einstellung", "Kalender", "Freigabe", "Scanner"
    };
    private static final String[] DE_VERBS = {
        "funktioniert nicht", "startet nicht", "druckt nicht mehr", "ist sehr langsam", "meldet einen Fehler",
        "stürzt ab", "verbindet sich nicht", "zeigt eine Warnung", "lässt sich nicht öffnen", "synchronisiert nicht"
    };
    private static final String[] DE_FIXES = {
        "Installieren Sie den aktuellen Treiber neu.", "Starten Sie den Dienst neu.",
        "Löschen Sie den Zwischenspeicher und melden Sie sich erneut an.", "Erneuern Sie das Zertifikat.",
        "Setzen Sie das Passwort im Portal zurück.", "Aktualisieren Sie auf die neueste Version.",
        "Prüfen Sie die Firewall-Regeln für Port 443.", "Entfernen Sie das Konto und fügen Sie es neu hinzu."
    };
    private static final String[] EN_NOUNS = {
        "printer", "driver", "network", "password", "account", "invoice", "login", "connection", "server",
        "mailbox", "certificate", "license", "storage", "screen", "keyboard", "update", "database", "user",
        "backup", "queue", "error", "setting", "calendar", "share", "scanner"
    };
    private static final String[] EN_VERBS = {
        "does not work",
        "does not start",
        "stopped printing",
        "is very slow",
        "reports an error",
        "crashes",
        "cannot connect",
        "shows a warning",
        "cannot be opened",
        "does not sync"
    };
    private static final String[] EN_FIXES = {
        "Reinstall the latest driver.", "Restart the service.", "Clear the cache and sign in again.",
        "Renew the certificate.", "Reset the password in the portal.", "Upgrade to the latest version.",
        "Check the firewall rules for port 443.", "Remove the account and add it again."
    };

    private SyntheticCorpus() {}

    /**
     * Returns {@code size} articles generated from {@code seed}: about half German, half English; 70 % public,
     * 20 % partner, 10 % internal; five products with versions.
     */
    public static List<CorpusArticle> articles(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("The corpus size must be 0 or more, was " + size);
        }
        var random = new Random(seed);
        var articles = new ArrayList<CorpusArticle>(size);
        for (int i = 0; i < size; i++) {
            boolean german = random.nextBoolean();
            String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String version = (1 + random.nextInt(5)) + "." + random.nextInt(10);
            int audience = random.nextInt(10);
            CorpusArticle.Audience published = audience < 7
                    ? CorpusArticle.Audience.PUBLIC
                    : audience < 9 ? CorpusArticle.Audience.PARTNER : CorpusArticle.Audience.INTERNAL;
            articles.add(
                    german
                            ? german(random, product, version, published)
                            : english(random, product, version, published));
        }
        return articles;
    }

    /** Returns {@code count} natural-language queries over the corpus vocabulary, generated from {@code seed}. */
    public static List<String> queries(long seed, int count) {
        var random = new Random(seed ^ 0x5DEECE66DL);
        var queries = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            if (random.nextBoolean()) {
                String noun = DE_NOUNS[random.nextInt(DE_NOUNS.length)];
                queries.add(
                        random.nextBoolean()
                                ? noun + " " + DE_VERBS[random.nextInt(DE_VERBS.length)]
                                : compound(random) + " "
                                        + DE_NOUNS[random.nextInt(DE_NOUNS.length)].toLowerCase(Locale.ROOT));
            } else {
                queries.add("my " + EN_NOUNS[random.nextInt(EN_NOUNS.length)] + " "
                        + EN_VERBS[random.nextInt(EN_VERBS.length)]);
            }
        }
        return queries;
    }

    private static String compound(Random random) {
        String a = DE_NOUNS[random.nextInt(DE_NOUNS.length)];
        String b = DE_NOUNS[random.nextInt(DE_NOUNS.length)].toLowerCase(Locale.ROOT);
        return a + b;
    }

    private static CorpusArticle german(
            Random random, String product, String version, CorpusArticle.Audience audience) {
        String noun = DE_NOUNS[random.nextInt(DE_NOUNS.length)];
        String verb = DE_VERBS[random.nextInt(DE_VERBS.length)];
        String title = noun + " " + verb + " nach " + compound(random);
        String issue = "Seit gestern " + verb + " der " + compound(random) + " in " + product + " " + version
                + ". Der Kunde meldet: " + noun + " " + verb + ", " + compound(random) + " betroffen.";
        String resolution = DE_FIXES[random.nextInt(DE_FIXES.length)] + " " + DE_FIXES[random.nextInt(DE_FIXES.length)];
        return new CorpusArticle(title, issue, resolution, Locale.GERMAN, product, version, audience);
    }

    private static CorpusArticle english(
            Random random, String product, String version, CorpusArticle.Audience audience) {
        String noun = EN_NOUNS[random.nextInt(EN_NOUNS.length)];
        String other = EN_NOUNS[random.nextInt(EN_NOUNS.length)];
        String verb = EN_VERBS[random.nextInt(EN_VERBS.length)];
        String title = "The " + noun + " " + verb + " after " + other + " change";
        String issue = "Since yesterday the " + other + " " + noun + " " + verb + " in " + product + " " + version
                + ". The customer says the " + noun + " " + verb + " and the " + other + " is affected.";
        String resolution = EN_FIXES[random.nextInt(EN_FIXES.length)] + " " + EN_FIXES[random.nextInt(EN_FIXES.length)];
        return new CorpusArticle(title, issue, resolution, Locale.ENGLISH, product, version, audience);
    }
}
