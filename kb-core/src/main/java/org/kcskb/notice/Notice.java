package org.kcskb.notice;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;

/**
 * A known-issue notice as published: a time-boxed message about a known problem, in one or more languages, shown
 * first to searches whose words or environment match its symptoms, and only to viewers of its audience. Build one
 * with {@link NoticeDraft} and publish it with {@link org.kcskb.KnowledgeBase#publishNotice}. Immutable and
 * thread-safe.
 *
 * @param id assigned when published
 * @param texts the title and text per language ({@code de}, {@code en}), in the order given: the first is shown when
 *     the viewer's language has none
 * @param products the affected products, for example {@code Windows 11}; a search whose environment filter or
 *     context names one of them (any attribute, case ignored) matches
 * @param environments further affected environments (a version, a component, {@code Microsoft 365}), matched like
 *     the products; may be empty
 * @param symptoms words or short phrases a person with the problem types, for example {@code drucker druckt nicht}:
 *     a search matches when its words contain every word of one symptom, as the search engine analyses words
 * @param audience who may see it: {@code PUBLIC} everyone, {@code PARTNER} partners and agents, {@code INTERNAL}
 *     agents only
 * @param start when it starts being shown
 * @param end when it stops being shown (exclusive); {@link org.kcskb.KnowledgeBase#endNotice} moves it to the time
 *     of ending
 * @param article the article describing the issue, if any; shown as a link only to viewers who may read it
 * @param showToAll whether the help site also shows it on its start page, before anything is typed
 * @param author who published it
 * @param published when it was published
 */
public record Notice(
        NoticeId id,
        Map<Locale, NoticeText> texts,
        List<String> products,
        List<String> environments,
        List<String> symptoms,
        Audience audience,
        Instant start,
        Instant end,
        Optional<ArticleId> article,
        boolean showToAll,
        Actor author,
        Instant published) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(published, "published");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("A notice has a title and text in at least one language");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("A notice's end " + end + " lies before its start " + start);
        }
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        products = List.copyOf(products);
        environments = List.copyOf(environments);
        symptoms = List.copyOf(symptoms);
    }

    /** Returns whether it is shown at {@code now}: from its start (inclusive) to its end (exclusive). */
    public boolean activeAt(Instant now) {
        return !now.isBefore(start) && now.isBefore(end);
    }

    /**
     * Returns whether {@code viewer} may see it: the viewer's audience includes the notice's ({@code PUBLIC} within
     * {@code PARTNER} within {@code INTERNAL}).
     */
    public boolean visibleTo(Viewer viewer) {
        return visibleTo(viewer.audience());
    }

    /** Returns whether viewers of {@code audience} may see it. */
    public boolean visibleTo(Audience viewerAudience) {
        // INTERNAL < PARTNER < PUBLIC in declaration order: an audience sees what is published to it or wider.
        return audience.ordinal() >= viewerAudience.ordinal();
    }

    /** Returns its languages, in the order given. */
    public Set<Locale> languages() {
        return texts.keySet();
    }

    /**
     * Returns the title and text in {@code language} (only the language is compared), or in its first language when
     * it has none in that one.
     */
    public NoticeText text(Locale language) {
        NoticeText text = texts.get(Locale.of(language.getLanguage()));
        return text != null ? text : texts.values().iterator().next();
    }

    /** Returns the language {@link #text(Locale)} answers in for {@code language}. */
    public Locale language(Locale language) {
        Locale wanted = Locale.of(language.getLanguage());
        return texts.containsKey(wanted) ? wanted : texts.keySet().iterator().next();
    }

    /** Returns this notice ended at {@code at}: its end moves there (to its start, for one that has not started). */
    public Notice endedAt(Instant at) {
        Instant newEnd = at.isBefore(start) ? start : at.isBefore(end) ? at : end;
        return new Notice(
                id,
                texts,
                products,
                environments,
                symptoms,
                audience,
                start,
                newEnd,
                article,
                showToAll,
                author,
                published);
    }

    /** Returns this notice without its article link, for a viewer who may not read the article. */
    public Notice withoutArticle() {
        return new Notice(
                id,
                texts,
                products,
                environments,
                symptoms,
                audience,
                start,
                end,
                Optional.empty(),
                showToAll,
                author,
                published);
    }
}
