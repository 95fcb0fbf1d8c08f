package org.kcskb.render;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/** The Markdown dialect of articles: CommonMark, GFM tables, bare URLs and e-mail addresses as links. */
final class Markdown {
    static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            AutolinkExtension.builder()
                    .linkTypes(AutolinkType.URL, AutolinkType.WWW, AutolinkType.EMAIL)
                    .build());

    /**
     * Nesting bounds: text nested deeper (emphasis in emphasis, quotes in lists in quotes, ...) than any article
     * needs is read as plain text, so that crafted input cannot make parsing or rendering deep or slow.
     */
    private static final Parser PARSER = Parser.builder()
            .extensions(EXTENSIONS)
            .maxOpenBlockParsers(32)
            .maxInlineNesting(16)
            .build();

    private Markdown() {}

    /** Parses {@code text}; the parser is thread-safe, every call returns a new tree. */
    static Node parse(String text) {
        return PARSER.parse(text);
    }
}
