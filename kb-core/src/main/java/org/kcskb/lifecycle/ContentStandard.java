package org.kcskb.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;

/**
 * The content standard: checks an article's content against the organisation's writing rules.
 *
 * <p>A pure function without I/O, run on every capture and revision; implementations must be thread-safe.
 * Build one with {@link #builder()} or use {@link #kcsDefault()}.
 */
@FunctionalInterface
public interface ContentStandard {

    /** Returns every violation of {@code content} in {@code state}; empty when it conforms. */
    List<Violation> check(ArticleContent content, ArticleState state);

    /**
     * Returns the default: a title of at most 200 characters, an issue, and a resolution once the article leaves
     * {@code WORK_IN_PROGRESS}.
     */
    static ContentStandard kcsDefault() {
        return builder().build();
    }

    /** Starts a standard with the {@link #kcsDefault() default} checks, which can be changed or extended. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ContentStandard}; not thread-safe, the built standard is. */
    final class Builder {
        public static final String TITLE_REQUIRED = "content.title.required";
        public static final String TITLE_MAX_LENGTH = "content.title.max-length";
        public static final String ISSUE_REQUIRED = "content.issue.required";
        public static final String RESOLUTION_REQUIRED = "content.resolution.required";

        private int maxTitleLength = 200;
        private boolean requireIssue = true;
        private boolean requireResolution = true;
        private final List<BiFunction<ArticleContent, ArticleState, List<Violation>>> extra = new ArrayList<>();

        private Builder() {}

        /** Sets the longest allowed title (default 200). */
        public Builder maxTitleLength(int maxTitleLength) {
            if (maxTitleLength < 1) {
                throw new IllegalArgumentException("maxTitleLength must be positive, was " + maxTitleLength);
            }
            this.maxTitleLength = maxTitleLength;
            return this;
        }

        /** Sets whether the issue is required (default true). */
        public Builder requireIssue(boolean requireIssue) {
            this.requireIssue = requireIssue;
            return this;
        }

        /** Sets whether a resolution is required outside {@code WORK_IN_PROGRESS} (default true). */
        public Builder requireResolutionAfterCapture(boolean requireResolution) {
            this.requireResolution = requireResolution;
            return this;
        }

        /** Adds a check of the organisation's own. */
        public Builder check(BiFunction<ArticleContent, ArticleState, List<Violation>> check) {
            extra.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        public ContentStandard build() {
            int maxTitle = maxTitleLength;
            boolean issue = requireIssue;
            boolean resolution = requireResolution;
            var checks = List.copyOf(extra);
            return (content, state) -> {
                var violations = new ArrayList<Violation>();
                if (content.title().isEmpty()) {
                    violations.add(new Violation("title", TITLE_REQUIRED, "a title is required"));
                } else if (content.title().length() > maxTitle) {
                    violations.add(new Violation(
                            "title",
                            TITLE_MAX_LENGTH,
                            "the title has " + content.title().length() + " characters; shorten it to at most "
                                    + maxTitle));
                }
                if (issue && content.issue().isEmpty()) {
                    violations.add(
                            new Violation("issue", ISSUE_REQUIRED, "describe the customer's issue in their own words"));
                }
                if (resolution && state != ArticleState.WORK_IN_PROGRESS && !content.hasResolution()) {
                    violations.add(new Violation(
                            "resolution",
                            RESOLUTION_REQUIRED,
                            "a resolution is required in " + state + "; add one or keep the article WORK_IN_PROGRESS"));
                }
                for (var check : checks) {
                    violations.addAll(check.apply(content, state));
                }
                return List.copyOf(violations);
            };
        }
    }
}
