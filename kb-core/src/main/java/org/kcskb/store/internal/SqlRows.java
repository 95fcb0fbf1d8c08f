package org.kcskb.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kcskb.AuditEntry;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.Languages;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionField;
import org.kcskb.article.RevisionKind;
import org.kcskb.article.Signals;
import org.kcskb.article.TextFormat;
import org.kcskb.store.spi.Change;
import org.kcskb.vocabulary.VocabularyChange;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * Maps the model records to table rows and back: column lists in a fixed order, binders and readers.
 *
 * <p>An {@link Instant} is two columns, epoch seconds and nanoseconds, so that it round-trips exactly.
 */
final class SqlRows {
    private SqlRows() {}

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static final String REVISION_COLUMNS = "article_id, number, title, issue, environment_attributes,"
            + " environment_text, resolution, cause, language, tags, state, audience, merged_into, author_id,"
            + " author_licence, at_seconds, at_nanos, kind, revision_comment, text_format";
    static final int REVISION_COLUMN_COUNT = 20;

    static final String LINK_COLUMNS =
            "article_id, case_id, link_type, pinned_revision, linked_by, linked_seconds, linked_nanos";

    static final String FLAG_COLUMNS = "id, article_id, reason, flag_comment, raised_by, raised_seconds,"
            + " raised_nanos, resolved_by, resolved_seconds, resolved_nanos, resolution_note";

    static final String FEEDBACK_COLUMNS =
            "id, article_id, helpful, feedback_comment, given_by, given_seconds, given_nanos";

    static final String CHANGE_COLUMNS = "seq, article_id, kind, at_seconds, at_nanos";

    /** Returns {@code columns} qualified with a table alias, for joins. */
    static String qualified(String alias, String columns) {
        return Stream.of(columns.split(",")).map(c -> alias + "." + c.strip()).collect(Collectors.joining(", "));
    }

    /** Returns {@code ?, ?, ...} for the columns of {@code columns}. */
    static String placeholders(String columns) {
        return Stream.of(columns.split(",")).map(c -> "?").collect(Collectors.joining(", "));
    }

    // ---- Revisions --------------------------------------------------------------------------------------

    static void bindRevision(PreparedStatement ps, Revision r) throws SQLException {
        ArticleContent c = r.content();
        ps.setString(1, r.articleId().value());
        ps.setInt(2, r.number());
        ps.setString(3, c.title());
        ps.setString(4, c.issue());
        ps.setString(5, SqlCodec.encodeAttributes(c.environment().attributes()));
        ps.setString(6, c.environment().text());
        ps.setString(7, c.resolution());
        ps.setString(8, c.cause());
        ps.setString(9, Languages.tag(c.language()));
        ps.setString(10, SqlCodec.encodeTags(c.tags()));
        ps.setString(11, r.state().name());
        ps.setString(12, r.audience().name());
        setNullableString(ps, 13, r.mergedInto().map(ArticleId::value));
        ps.setString(14, r.author().id());
        ps.setString(15, r.author().licence().name());
        bindInstant(ps, 16, r.at());
        ps.setString(18, r.kind().name());
        ps.setString(19, r.comment());
        ps.setString(20, c.format().name());
    }

    /**
     * Returns the article whose latest revision is {@code latest}, with the two columns after the revision's ({@code
     * column}: the first author, then the creation time) and {@code signals}: what every article query reads after
     * {@link #revision}.
     */
    static Article article(ResultSet rs, Revision latest, int column, Signals signals) throws SQLException {
        return new Article(
                latest.articleId(),
                latest.number(),
                latest.content(),
                latest.state(),
                latest.audience(),
                latest.mergedInto(),
                rs.getString(column),
                instant(rs, column + 1),
                latest.author().id(),
                latest.at(),
                signals);
    }

    /** Reads a revision from the {@link #REVISION_COLUMNS} that start at column {@code first}. */
    static Revision revision(ResultSet rs, int first) throws SQLException {
        int i = first;
        ArticleId articleId = ArticleId.of(rs.getString(i));
        int number = rs.getInt(i + 1);
        var content = new ArticleContent(
                rs.getString(i + 2),
                rs.getString(i + 3),
                new Environment(SqlCodec.decodeAttributes(rs.getString(i + 4)), rs.getString(i + 5)),
                rs.getString(i + 6),
                rs.getString(i + 7),
                Locale.forLanguageTag(rs.getString(i + 8)),
                new HashSet<>(SqlCodec.decodeTags(rs.getString(i + 9))),
                TextFormat.valueOf(rs.getString(i + 19)));
        String mergedInto = rs.getString(i + 12);
        return new Revision(
                articleId,
                number,
                content,
                ArticleState.valueOf(rs.getString(i + 10)),
                Audience.valueOf(rs.getString(i + 11)),
                Optional.ofNullable(mergedInto).map(ArticleId::of),
                new Actor(rs.getString(i + 13), Licence.valueOf(rs.getString(i + 14))),
                instant(rs, i + 15),
                RevisionKind.valueOf(rs.getString(i + 17)),
                rs.getString(i + 18));
    }

    // ---- Links, flags, feedback, changes ----------------------------------------------------------------

    static void bindLink(PreparedStatement ps, CaseLink link) throws SQLException {
        ps.setString(1, link.articleId().value());
        ps.setString(2, link.caseId().value());
        ps.setString(3, link.type().name());
        ps.setInt(4, link.pinnedRevision());
        ps.setString(5, link.linkedBy());
        bindInstant(ps, 6, link.linkedAt());
    }

    static CaseLink link(ResultSet rs) throws SQLException {
        return new CaseLink(
                ArticleId.of(rs.getString(1)),
                CaseId.of(rs.getString(2)),
                LinkType.valueOf(rs.getString(3)),
                rs.getInt(4),
                rs.getString(5),
                instant(rs, 6));
    }

    /** Binds every flag column but the id, starting at {@code first}, in {@link #FLAG_COLUMNS} order. */
    static void bindFlagFields(PreparedStatement ps, int first, Flag flag) throws SQLException {
        ps.setString(first, flag.articleId().value());
        ps.setString(first + 1, flag.reason().name());
        ps.setString(first + 2, flag.comment());
        ps.setString(first + 3, flag.raisedBy());
        bindInstant(ps, first + 4, flag.raisedAt());
        Optional<Flag.Resolution> resolution = flag.resolution();
        setNullableString(ps, first + 6, resolution.map(Flag.Resolution::resolvedBy));
        if (resolution.isPresent()) {
            bindInstant(ps, first + 7, resolution.get().resolvedAt());
        } else {
            ps.setNull(first + 7, Types.BIGINT);
            ps.setNull(first + 8, Types.INTEGER);
        }
        setNullableString(ps, first + 9, resolution.map(Flag.Resolution::note));
    }

    static Flag flag(ResultSet rs) throws SQLException {
        String resolvedBy = rs.getString(8);
        Optional<Flag.Resolution> resolution = resolvedBy == null
                ? Optional.empty()
                : Optional.of(new Flag.Resolution(resolvedBy, instant(rs, 9), rs.getString(11)));
        return new Flag(
                rs.getString(1),
                ArticleId.of(rs.getString(2)),
                FlagReason.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6),
                resolution);
    }

    static void bindFeedback(PreparedStatement ps, Feedback feedback) throws SQLException {
        ps.setString(1, feedback.id());
        ps.setString(2, feedback.articleId().value());
        ps.setBoolean(3, feedback.helpful());
        ps.setString(4, feedback.comment());
        ps.setString(5, feedback.givenBy());
        bindInstant(ps, 6, feedback.givenAt());
    }

    static Feedback feedback(ResultSet rs) throws SQLException {
        return new Feedback(
                rs.getString(1),
                ArticleId.of(rs.getString(2)),
                rs.getBoolean(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6));
    }

    static Change change(ResultSet rs) throws SQLException {
        return new Change(
                rs.getLong(1), ArticleId.of(rs.getString(2)), Change.Kind.valueOf(rs.getString(3)), instant(rs, 4));
    }

    static final String AUDIT_COLUMNS =
            "action, article_id, revision_number, fields, actor_id, actor_licence, reason," + " at_seconds, at_nanos";

    static void bindAudit(PreparedStatement ps, AuditEntry e) throws SQLException {
        ps.setString(1, e.action().name());
        ps.setString(2, e.articleId().value());
        if (e.revision().isPresent()) {
            ps.setInt(3, e.revision().getAsInt());
        } else {
            ps.setNull(3, Types.INTEGER);
        }
        // Field names in enum order, comma-separated: they hold no commas.
        ps.setString(4, e.fields().stream().sorted().map(RevisionField::name).collect(Collectors.joining(",")));
        ps.setString(5, e.actor().id());
        ps.setString(6, e.actor().licence().name());
        ps.setString(7, e.reason());
        bindInstant(ps, 8, e.at());
    }

    static AuditEntry audit(ResultSet rs) throws SQLException {
        int revision = rs.getInt(3);
        OptionalInt number = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(revision);
        String fields = rs.getString(4);
        Set<RevisionField> set = fields.isEmpty()
                ? Set.of()
                : Stream.of(fields.split(",")).map(RevisionField::valueOf).collect(Collectors.toSet());
        return new AuditEntry(
                instant(rs, 8),
                new Actor(rs.getString(5), Licence.valueOf(rs.getString(6))),
                AuditEntry.Action.valueOf(rs.getString(1)),
                ArticleId.of(rs.getString(2)),
                number,
                set,
                rs.getString(7));
    }

    // ---- Vocabulary ---------------------------------------------------------------------------------------

    /** The columns of a vocabulary entry, in {@code kb_vocabulary} (with {@code id}) and in its audit trail. */
    static final String VOCABULARY_ENTRY_COLUMNS =
            "language, kind, terms, best_bet_article, author_id," + " author_licence, created_seconds, created_nanos";

    static final String VOCABULARY_COLUMNS = "id, " + VOCABULARY_ENTRY_COLUMNS;

    static final String VOCABULARY_AUDIT_COLUMNS =
            "action, actor_id, actor_licence, at_seconds, at_nanos, entry_id, " + VOCABULARY_ENTRY_COLUMNS;

    /** The kinds of rule as stored in the {@code kind} columns. */
    private static final String SYNONYMS = "SYNONYMS";

    private static final String EXPANSION = "EXPANSION";
    private static final String BEST_BET = "BEST_BET";
    private static final String TRANSLATION = "TRANSLATION";

    /** Binds an entry to the {@link #VOCABULARY_COLUMNS} starting at {@code first} (its id first). */
    static void bindVocabularyEntry(PreparedStatement ps, int first, VocabularyEntry entry) throws SQLException {
        Actor author = entry.author()
                .orElseThrow(() -> new IllegalArgumentException(
                        "A stored vocabulary entry names its author; " + entry.id() + " has none"));
        VocabularyRule rule = entry.rule();
        ps.setString(first, entry.id());
        ps.setString(first + 1, Languages.tag(entry.language()));
        ps.setString(
                first + 2,
                switch (rule) {
                    case VocabularyRule.Synonyms s -> SYNONYMS;
                    case VocabularyRule.Expansion e -> EXPANSION;
                    case VocabularyRule.BestBet b -> BEST_BET;
                    case VocabularyRule.Translation t -> TRANSLATION;
                });
        // Synonyms: every term; an expansion: what it expands first, then its terms; a best bet: the query; a
        // translation: its word, the language tag it translates into, then its translations.
        ps.setString(
                first + 3,
                SqlCodec.encodeTags(
                        rule instanceof VocabularyRule.Translation translation
                                ? translationTerms(translation)
                                : rule.terms()));
        setNullableString(
                ps,
                first + 4,
                rule instanceof VocabularyRule.BestBet bet
                        ? Optional.of(bet.article().value())
                        : Optional.empty());
        ps.setString(first + 5, author.id());
        ps.setString(first + 6, author.licence().name());
        bindInstant(ps, first + 7, entry.created());
    }

    private static List<String> translationTerms(VocabularyRule.Translation translation) {
        var terms = new ArrayList<String>(translation.to().size() + 2);
        terms.add(translation.from());
        terms.add(Languages.tag(translation.into()));
        terms.addAll(translation.to());
        return terms;
    }

    /** Reads an entry from the {@link #VOCABULARY_COLUMNS} starting at column {@code first}. */
    static VocabularyEntry vocabularyEntry(ResultSet rs, int first) throws SQLException {
        String id = rs.getString(first);
        List<String> terms = SqlCodec.decodeTags(rs.getString(first + 3));
        String kind = rs.getString(first + 2);
        VocabularyRule rule =
                switch (kind) {
                    case SYNONYMS -> new VocabularyRule.Synonyms(terms);
                    case EXPANSION ->
                        new VocabularyRule.Expansion(terms.getFirst(), new ArrayList<>(terms.subList(1, terms.size())));
                    case BEST_BET ->
                        new VocabularyRule.BestBet(terms.getFirst(), ArticleId.of(rs.getString(first + 4)));
                    case TRANSLATION ->
                        new VocabularyRule.Translation(
                                terms.getFirst(),
                                Languages.parse(terms.get(1)),
                                new ArrayList<>(terms.subList(2, terms.size())));
                    default ->
                        throw new IllegalStateException(
                                "Corrupt vocabulary entry " + id + " in the store: unknown kind '" + kind + "'");
                };
        return new VocabularyEntry(
                id,
                Languages.parse(rs.getString(first + 1)),
                rule,
                Optional.of(new Actor(rs.getString(first + 5), Licence.valueOf(rs.getString(first + 6)))),
                instant(rs, first + 7));
    }

    static void bindVocabularyChange(PreparedStatement ps, VocabularyChange change) throws SQLException {
        ps.setString(1, change.action().name());
        ps.setString(2, change.actor().id());
        ps.setString(3, change.actor().licence().name());
        bindInstant(ps, 4, change.at());
        bindVocabularyEntry(ps, 6, change.entry());
    }

    static VocabularyChange vocabularyChange(ResultSet rs) throws SQLException {
        return new VocabularyChange(
                instant(rs, 4),
                new Actor(rs.getString(2), Licence.valueOf(rs.getString(3))),
                VocabularyChange.Action.valueOf(rs.getString(1)),
                vocabularyEntry(rs, 6));
    }

    // ---- Values -----------------------------------------------------------------------------------------

    /** Binds an instant to the two columns starting at {@code index}: epoch seconds, then nanoseconds. */
    static void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setLong(index, instant.getEpochSecond());
        ps.setInt(index + 1, instant.getNano());
    }

    /** Reads the instant from the two columns starting at {@code index}. */
    static Instant instant(ResultSet rs, int index) throws SQLException {
        return Instant.ofEpochSecond(rs.getLong(index), rs.getInt(index + 1));
    }

    private static void setNullableString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }
}
