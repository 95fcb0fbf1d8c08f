package org.kcskb.store.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kcskb.AuditEntry;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.Revision;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;

/**
 * An {@link ArticleStore} that forwards every call, the SPI's default methods included, to another store, in the
 * manner of Guava's {@code ForwardingObject}: a test's wrapper extends it and overrides only what it changes (counts,
 * fails, hangs, or answers for itself). It implements the article SPI only, so that a wrapper is no
 * {@link AnalyticsStore} unless it says so.
 */
public abstract class ForwardingArticleStore implements ArticleStore {
    private final ArticleStore delegate;

    protected ForwardingArticleStore(ArticleStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected ArticleStore delegate() {
        return delegate;
    }

    @Override
    public ArticleId allocateId() {
        return delegate().allocateId();
    }

    @Override
    public long commit(List<Mutation> mutations) {
        return delegate().commit(mutations);
    }

    @Override
    public Optional<Article> article(ArticleId id) {
        return delegate().article(id);
    }

    @Override
    public List<Revision> revisions(ArticleId id) {
        return delegate().revisions(id);
    }

    @Override
    public Optional<Revision> revision(ArticleId id, int number) {
        return delegate().revision(id, number);
    }

    @Override
    public List<CaseLink> links(ArticleId id) {
        return delegate().links(id);
    }

    @Override
    public List<CaseLink> linksOfCase(CaseId caseId) {
        return delegate().linksOfCase(caseId);
    }

    @Override
    public List<Flag> flags(ArticleId id) {
        return delegate().flags(id);
    }

    @Override
    public Optional<Flag> flag(String flagId) {
        return delegate().flag(flagId);
    }

    @Override
    public List<Feedback> feedback(ArticleId id) {
        return delegate().feedback(id);
    }

    @Override
    public List<Change> changesAfter(long sequence, int limit) {
        return delegate().changesAfter(sequence, limit);
    }

    @Override
    public long lastSequence() {
        return delegate().lastSequence();
    }

    @Override
    public long oldestSequence() {
        return delegate().oldestSequence();
    }

    @Override
    public long trimChanges(long upToSequence, Instant olderThan) {
        return delegate().trimChanges(upToSequence, olderThan);
    }

    @Override
    public long forgetFeedbackComments(Instant olderThan) {
        return delegate().forgetFeedbackComments(olderThan);
    }

    @Override
    public List<AuditEntry> auditTrail(Optional<ArticleId> articleId) {
        return delegate().auditTrail(articleId);
    }

    @Override
    public List<ArticleId> articleIds(Optional<ArticleId> after, int limit) {
        return delegate().articleIds(after, limit);
    }

    @Override
    public String storeId() {
        return delegate().storeId();
    }

    @Override
    public List<VocabularyEntry> vocabulary() {
        return delegate().vocabulary();
    }

    @Override
    public long putVocabulary(VocabularyEntry entry) {
        return delegate().putVocabulary(entry);
    }

    @Override
    public long removeVocabulary(String entryId, Actor actor, Instant at) {
        return delegate().removeVocabulary(entryId, actor, at);
    }

    @Override
    public String allocateVocabularyId() {
        return delegate().allocateVocabularyId();
    }

    @Override
    public List<VocabularyChange> vocabularyAudit() {
        return delegate().vocabularyAudit();
    }

    @Override
    public List<org.kcskb.notice.Notice> notices() {
        return delegate().notices();
    }

    @Override
    public long putNotice(org.kcskb.notice.Notice notice, org.kcskb.notice.NoticeChange change) {
        return delegate().putNotice(notice, change);
    }

    @Override
    public List<org.kcskb.notice.NoticeChange> noticeAudit() {
        return delegate().noticeAudit();
    }

    @Override
    public List<org.kcskb.notice.NoticeStats> noticeStats() {
        return delegate().noticeStats();
    }

    @Override
    public void addNoticeCounts(List<org.kcskb.notice.NoticeStats> counts) {
        delegate().addNoticeCounts(counts);
    }

    @Override
    public void close() {
        delegate().close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate() + "]";
    }

    @Override
    public void scanActivity(java.util.function.Consumer<ArticleActivity> action) {
        delegate().scanActivity(action);
    }

    @Override
    public void putCaseClosure(org.kcskb.health.CaseClosure closure) {
        delegate().putCaseClosure(closure);
    }

    @Override
    public List<org.kcskb.health.CaseClosure> caseClosures(org.kcskb.browse.TimeRange closedIn) {
        return delegate().caseClosures(closedIn);
    }

    @Override
    public List<Flag> flagsRaised(org.kcskb.browse.TimeRange raisedIn) {
        return delegate().flagsRaised(raisedIn);
    }

    @Override
    public java.util.Map<String, ArticleId> articlesBySourceId(java.util.Collection<String> sourceIds) {
        return delegate().articlesBySourceId(sourceIds);
    }

    @Override
    public java.util.Map<ArticleId, String> sourceIds(java.util.Collection<ArticleId> articleIds) {
        return delegate().sourceIds(articleIds);
    }

    @Override
    public java.util.Map<ArticleId, org.kcskb.article.Article> articles(java.util.Collection<ArticleId> ids) {
        return delegate().articles(ids);
    }
}
