package org.kcskb;

import java.util.List;
import java.util.stream.Collectors;
import org.kcskb.lifecycle.Violation;

/** The content breaks the content standard; {@link #violations()} lists each field and reason. Nothing was written. */
public class ContentStandardException extends KbException {
    private final List<Violation> violations;

    public ContentStandardException(List<Violation> violations) {
        super("The article does not meet the content standard: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
