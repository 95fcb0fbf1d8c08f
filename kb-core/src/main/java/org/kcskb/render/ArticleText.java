package org.kcskb.render;

import java.util.Objects;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.TextField;
import org.kcskb.article.TextFormat;

/**
 * An article's text without markup: what search engines index, snippet and compare, so that a search for a word of
 * a link's text or of a list item finds it and no snippet shows {@code #}, {@code *} or {@code |}.
 *
 * <p>Plain-text fields are returned as written. Markdown keeps the words a reader sees: headings, paragraphs and
 * list items each on a line of their own (without their {@code #}, {@code 1.} or {@code -}), emphasis as its text,
 * code and code blocks as written, a link as its text (its URL is dropped: it is not what a reader searches for; a
 * bare URL is its own text and stays), an image as its description, table rows as lines with the cells separated
 * by a tab. Raw HTML is kept as text, as {@link ArticleRenderer} shows it. Stateless and thread-safe; a Markdown field
 * is parsed on every call, so a caller that needs a field twice keeps the result.
 */
public final class ArticleText {
    private ArticleText() {}

    /** Returns {@code field} of {@code content} as plain text; the title and plain-text fields unchanged. */
    public static String plain(ArticleContent content, TextField field) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(field, "field");
        return plain(field.of(content), field.formatIn(content));
    }

    /** Returns {@code text}, written in {@code format}, as plain text. */
    public static String plain(String text, TextFormat format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        if (format == TextFormat.PLAIN || text.isEmpty()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        write(Markdown.parse(text), out);
        return tidy(out);
    }

    private static void write(Node node, StringBuilder out) {
        switch (node) {
            case LinkReferenceDefinition definition -> {}
            case Text text -> out.append(text.getLiteral());
            case Code code -> out.append(code.getLiteral());
            case HtmlInline html -> out.append(html.getLiteral());
            case SoftLineBreak soft -> out.append(' ');
            case HardLineBreak hard -> out.append('\n');
            case FencedCodeBlock code -> block(out).append(code.getLiteral());
            case IndentedCodeBlock code -> block(out).append(code.getLiteral());
            case HtmlBlock html -> block(out).append(html.getLiteral());
            case TableCell cell -> {
                if (cell.getPrevious() != null) {
                    out.append('\t');
                }
                children(cell, out);
            }
            case Link link -> {
                // A bare link shows its address; a link with text shows the text.
                if (link.getFirstChild() == null) {
                    out.append(link.getDestination());
                } else {
                    children(link, out);
                }
            }
            default -> {
                if (node instanceof Block || node instanceof TableRow) {
                    block(out);
                }
                children(node, out);
            }
        }
    }

    private static void children(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            write(child, out);
        }
    }

    /** Starts a new line unless at the start of the text or of a line. */
    private static StringBuilder block(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out;
    }

    /** Drops white space at the ends of lines, empty lines, and the text's leading and trailing white space. */
    private static String tidy(StringBuilder out) {
        var text = new StringBuilder(out.length());
        for (String line : out.toString().split("\n")) {
            String stripped = line.stripTrailing();
            if (!stripped.isBlank()) {
                text.append(text.isEmpty() ? "" : "\n").append(stripped);
            }
        }
        return text.toString().strip();
    }
}
