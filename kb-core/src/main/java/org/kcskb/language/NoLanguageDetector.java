package org.kcskb.language;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@link LanguageDetector#none()}. */
enum NoLanguageDetector implements LanguageDetector {
    INSTANCE;

    @Override
    public Optional<Locale> detect(String text) {
        Objects.requireNonNull(text, "text");
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "LanguageDetector.none()";
    }
}
