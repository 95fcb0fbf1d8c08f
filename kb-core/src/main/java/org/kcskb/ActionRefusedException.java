package org.kcskb;

import java.util.Objects;
import org.kcskb.lifecycle.Refusal;

/** The lifecycle policy refused a write; the message and {@link #rule()} name the rule. Nothing was written. */
public class ActionRefusedException extends KbException {
    private final Refusal refusal;

    public ActionRefusedException(Refusal refusal) {
        super(Objects.requireNonNull(refusal, "refusal").message());
        this.refusal = refusal;
    }

    /** Returns the stable id of the rule that refused the write. */
    public String rule() {
        return refusal.rule();
    }

    public Refusal refusal() {
        return refusal;
    }
}
