package org.kcskb.render;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which link targets a rendered page may hold: {@code http}, {@code https} and {@code mailto} URLs, and relative
 * references (a path, a query or a fragment, which resolve against the page and cannot run script). Anything
 * with another scheme ({@code javascript:}, {@code data:}, {@code vbscript:}, {@code file:}, ...) is refused, and
 * the link is shown as its text.
 */
final class Links {
    static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private Links() {}

    /**
     * Returns the link target to write, or empty when it is not allowed. As browsers do before they read a URL,
     * leading and trailing spaces and control characters are dropped and tabs and line breaks removed ({@code
     * "java\tscript:"} is {@code javascript:} to a browser), so that the scheme checked is the scheme a browser
     * would follow; other control characters are removed too.
     */
    static Optional<String> safe(String destination) {
        var clean = new StringBuilder(destination.length());
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (!Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        String href = clean.toString().strip();
        if (href.isEmpty()) {
            return Optional.empty();
        }
        int colon = href.indexOf(':');
        if (colon < 0) {
            return Optional.of(href);
        }
        int delimiter = firstDelimiter(href);
        if (delimiter >= 0 && delimiter < colon) {
            return Optional.of(href); // a colon in the path, query or fragment of a relative reference
        }
        String scheme = href.substring(0, colon).toLowerCase(Locale.ROOT);
        return SCHEMES.contains(scheme) && href.length() > colon + 1 ? Optional.of(href) : Optional.empty();
    }

    /** Whether a safe target leads off the page's site: an absolute or protocol-relative web URL. */
    static boolean external(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:")
                || lower.startsWith("https:")
                || (href.length() > 1 && isSlash(href.charAt(0)) && isSlash(href.charAt(1)));
    }

    private static int firstDelimiter(String href) {
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (isSlash(c) || c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /** Browsers read a backslash in a web URL as a slash. */
    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }
}
