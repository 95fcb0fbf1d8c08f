package org.kcskb.bench.kb;

import java.time.Duration;
import java.util.List;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.Limits;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.store.ArticleStores;

/**
 * Loads a {@link BenchmarkCorpus} into a knowledge base through the public API, the same way for every kb
 * benchmark: every article {@code VALIDATED} and published to its corpus audience, then a rebuild.
 *
 * <p>The rebuild is what a host does after a bulk import: it analyses every article with the German compounds
 * learned from all of them, so that every fork measures the same index. Stateless.
 */
public final class CorpusLoader {
    /** Who captures the corpus. */
    public static final Actor LOADER = Actor.administrator("bench");

    private static final Duration CATCH_UP = Duration.ofMinutes(60);
    /** The content standard's default title limit. */
    private static final int MAX_TITLE_LENGTH = 200;

    private static final int MAX_TEXT_LENGTH = Limits.defaults().maxFieldLength();

    private CorpusLoader() {}

    /**
     * Returns a builder for an in-memory knowledge base that accepts every corpus article (data-set articles have
     * no separate issue, so the content standard does not require one). Add options, then {@link #load}.
     */
    public static KnowledgeBaseBuilder builder() {
        KnowledgeBaseBuilder builder = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .contentStandard(ContentStandard.builder().requireIssue(false).build());
        // The starter vocabulary applies by default; -Dkb.bench.vocabulary (for JMH: -jvmArgsAppend) chooses another.
        builder.baseVocabulary(BenchVocabulary.chosen());
        return builder;
    }

    /** Builds {@code builder}, captures every article of {@code corpus}, waits until searchable and rebuilds. */
    public static KnowledgeBase load(KnowledgeBaseBuilder builder, BenchmarkCorpus corpus) {
        return load(builder, corpus.name(), drafts(corpus.articles()));
    }

    /**
     * Builds {@code builder}, captures {@code drafts} (named {@code name} in errors), waits until searchable and
     * rebuilds: for a benchmark that publishes the corpus otherwise than {@link #draft} does.
     */
    public static KnowledgeBase load(KnowledgeBaseBuilder builder, String name, List<Draft> drafts) {
        KnowledgeBase kb = builder.build();
        try {
            for (Draft draft : drafts) {
                kb.capture(LOADER, draft);
            }
            if (!kb.awaitSearchable(CATCH_UP)) {
                throw new IllegalStateException("The index did not catch up with " + drafts.size() + " articles of "
                        + name + " in " + CATCH_UP);
            }
            kb.rebuildIndex();
            return kb;
        } catch (RuntimeException e) {
            kb.close();
            throw e;
        }
    }

    /** Returns the drafts of {@code articles}, in order. */
    public static List<Draft> drafts(List<CorpusArticle> articles) {
        return articles.stream().map(CorpusLoader::draft).toList();
    }

    /** Returns the draft of one corpus article: validated, published to its audience. */
    public static Draft draft(CorpusArticle a) {
        // Data-set texts can exceed the content standard's limits; the relevance harness cuts them the same way.
        // A validated article needs a resolution: a data-set article (text, no resolution) is captured as the
        // relevance harness captures it, the text as the resolution.
        String title = cut(a.title(), MAX_TITLE_LENGTH);
        var content = a.resolution().isEmpty()
                ? ArticleContent.of(title, "").withResolution(cut(a.issue(), MAX_TEXT_LENGTH))
                : ArticleContent.of(title, cut(a.issue(), MAX_TEXT_LENGTH)).withResolution(a.resolution());
        content = content.withLanguage(a.language());
        if (!a.product().isEmpty()) {
            content = content.withEnvironment(Environment.of(a.product(), a.version(), ""));
        }
        return Draft.of(content)
                .withState(ArticleState.VALIDATED)
                .withAudience(
                        switch (a.audience()) {
                            case PUBLIC -> Audience.PUBLIC;
                            case PARTNER -> Audience.PARTNER;
                            case INTERNAL -> Audience.INTERNAL;
                        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max).strip();
    }
}
