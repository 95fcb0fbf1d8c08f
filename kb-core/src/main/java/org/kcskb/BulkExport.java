package org.kcskb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Revision;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.TransferFeedback;
import org.kcskb.transfer.TransferFlag;
import org.kcskb.transfer.TransferLink;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferProgress;
import org.kcskb.transfer.TransferRevision;

/** Writes every article of a store as {@link TransferArticle}s; see {@link KnowledgeBase#exportArticles}. */
final class BulkExport {
    private static final int PAGE = 1000;

    private BulkExport() {}

    static long run(ArticleStore store, Consumer<TransferArticle> sink, TransferListener listener) {
        // First the ids and their source ids (the only thing held for every article), sorted by source id.
        var keys = new HashMap<ArticleId, String>();
        Optional<ArticleId> after = Optional.empty();
        while (true) {
            List<ArticleId> page = store.articleIds(after, PAGE);
            Map<ArticleId, String> sources = store.sourceIds(page);
            for (ArticleId id : page) {
                keys.put(id, sources.getOrDefault(id, id.value()));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = Optional.of(page.getLast());
        }
        var order = new ArrayList<>(keys.entrySet());
        order.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i).getValue().equals(order.get(i - 1).getValue())) {
                throw new IllegalStateException("Articles " + order.get(i - 1).getKey() + " and "
                        + order.get(i).getKey() + " would both be exported as source id '"
                        + order.get(i).getValue()
                        + "': one was imported under a source id that equals the other's own id. Purge or re-import"
                        + " one of them under another source id");
            }
        }
        OptionalLong total = OptionalLong.of(order.size());
        long done = 0;
        for (var e : order) {
            ArticleId id = e.getKey();
            Optional<Article> article = store.article(id);
            List<Revision> revisions = store.revisions(id);
            if (article.isPresent() && !revisions.isEmpty()) {
                sink.accept(transfer(store, e.getValue(), article.get(), revisions, keys));
            }
            done++;
            if (done % 500 == 0 || done == order.size()) {
                listener.progress(new TransferProgress(done, total, 0));
            }
        }
        if (order.isEmpty()) {
            listener.progress(new TransferProgress(0, total, 0));
        }
        return done;
    }

    private static TransferArticle transfer(
            ArticleStore store,
            String sourceId,
            Article article,
            List<Revision> revisions,
            Map<ArticleId, String> keys) {
        ArticleId id = article.id();
        var out = new ArrayList<TransferRevision>(revisions.size());
        for (Revision r : revisions) {
            out.add(new TransferRevision(
                    r.content(),
                    r.state(),
                    r.audience(),
                    r.mergedInto().map(target -> key(store, target, keys)),
                    r.author(),
                    micros(r.at()),
                    r.kind(),
                    r.comment()));
        }
        var links = store.links(id).stream()
                .map(l ->
                        new TransferLink(l.caseId(), l.type(), l.pinnedRevision(), l.linkedBy(), micros(l.linkedAt())))
                .toList();
        var flags = store.flags(id).stream()
                .map(f -> new TransferFlag(
                        f.id(),
                        f.reason(),
                        f.comment(),
                        f.raisedBy(),
                        micros(f.raisedAt()),
                        f.resolution()
                                .map(r -> new org.kcskb.article.Flag.Resolution(
                                        r.resolvedBy(), micros(r.resolvedAt()), r.note()))))
                .toList();
        var translations = article.translations().values().stream()
                .map(other -> key(store, other, keys))
                .sorted()
                .toList();
        var feedback = store.feedback(id).stream()
                .map(f -> new TransferFeedback(f.id(), f.helpful(), f.comment(), f.givenBy(), micros(f.givenAt())))
                .toList();
        return new TransferArticle(
                sourceId,
                out,
                links,
                flags,
                translations,
                feedback,
                article.signals().viewCount());
    }

    /** The source id under which {@code id} is exported (also for an article written during the export). */
    private static String key(ArticleStore store, ArticleId id, Map<ArticleId, String> keys) {
        String key = keys.get(id);
        return key != null ? key : store.sourceIds(List.of(id)).getOrDefault(id, id.value());
    }

    /** The format's precision, which the shipped persistent stores keep (the in-memory store keeps more). */
    private static java.time.Instant micros(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
