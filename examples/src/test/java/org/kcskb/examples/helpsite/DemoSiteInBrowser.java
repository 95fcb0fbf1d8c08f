package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kcskb.KnowledgeBase;
import org.kcskb.examples.SampleKnowledgeBase;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' shared set-up: the sample knowledge base in a folder, the demo help site over it and headless
 * Chromium, closed together in reverse order.
 */
final class DemoSiteInBrowser implements AutoCloseable {
    final Chromium chromium;
    final WebDriverWait wait;
    final KnowledgeBase kb;
    final HelpSiteServer site;
    private final List<AutoCloseable> opened;

    private DemoSiteInBrowser(
            Chromium chromium, WebDriverWait wait, KnowledgeBase kb, HelpSiteServer site, List<AutoCloseable> opened) {
        this.chromium = chromium;
        this.wait = wait;
        this.kb = kb;
        this.site = site;
        this.opened = opened;
    }

    /** Starts it all in {@code directory}, the site configured by {@code settings}. */
    static DemoSiteInBrowser start(Path directory, UnaryOperator<HelpSiteServer.Builder> settings) throws Exception {
        var opened = new ArrayList<AutoCloseable>();
        try {
            Chromium chromium = Chromium.start(directory);
            opened.add(chromium);
            KnowledgeBase kb = KnowledgeBase.open(directory.resolve("kb"));
            opened.add(kb);
            SampleKnowledgeBase.loadIfEmpty(kb);
            assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
            HelpSiteServer site =
                    settings.apply(HelpSiteServer.builder(kb).port(0)).start();
            opened.add(site);
            var wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(15));
            return new DemoSiteInBrowser(chromium, wait, kb, site, opened);
        } catch (Exception | AssertionError e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Closes {@code also} first (what a test built on top), then the site, the knowledge base and the browser. */
    void close(AutoCloseable also) {
        opened.add(also);
        close();
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Closing the rest matters more.
            }
        }
        opened.clear();
    }
}
