package org.kcskb.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.Environment;
import org.kcskb.article.TextField;
import org.kcskb.article.TextFormat;

/**
 * Turns an article's fields into sanitized HTML fragments for a page: the one place where article text becomes
 * markup.
 *
 * <p>{@link TextFormat#MARKDOWN} is rendered as CommonMark with GFM tables and bare URLs as links: headings, lists,
 * emphasis, code, block quotes and tables. Raw HTML in the text is shown as text, never passed through; images are
 * shown as links to the image (a page loads nothing from an article's text by itself); a link whose target is not
 * {@code http}, {@code https}, {@code mailto} or a relative reference ({@code javascript:}, {@code data:}, ...) is
 * shown as its text. {@link TextFormat#PLAIN} text becomes paragraphs at blank lines with each paragraph's lines
 * joined (the source's hard wraps do not break sentences), {@code 1.}/{@code 1)} lines as a numbered list,
 * {@code -}/{@code *} lines as a bulleted list, and web URLs as links. Links that leave the site get {@code
 * rel="noopener nofollow"} and, unless {@link Builder#externalLinksInNewTab(boolean) turned off}, {@code
 * target="_blank"}. The output holds only the elements {@code p br em strong code pre blockquote ul ol li h1-h6 hr
 * a table thead tbody tr th td dl dt dd} and the attributes {@code href title rel target start align class}.
 *
 * <pre>{@code
 * ArticleRenderer renderer = ArticleRenderer.create();
 * String resolution = renderer.html(article.content(), TextField.RESOLUTION);
 * String environment = renderer.environmentHtml(article.content());
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per page language (the environment's labels) and share it.
 */
public final class ArticleRenderer {
    /** The label key of the environment's free text; the other keys are the attribute keys. */
    public static final String ENVIRONMENT_TEXT = "text";

    private static final Map<String, String> ENGLISH_LABELS = Map.of(
            Environment.PRODUCT,
            "Product",
            Environment.VERSION,
            "Version",
            Environment.COMPONENT,
            "Component",
            "platform",
            "Platform",
            ENVIRONMENT_TEXT,
            "Platform");

    /** The well-known attributes, shown first and in this order; the others follow by key. */
    private static final List<String> FIRST = List.of(Environment.PRODUCT, Environment.VERSION, "platform");

    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");

    private final int firstHeadingLevel;
    private final boolean newTab;
    private final Map<String, String> labels;
    private final HtmlRenderer markdown;
    private final PlainTextHtml plain;

    private ArticleRenderer(Builder builder) {
        this.firstHeadingLevel = builder.firstHeadingLevel;
        this.newTab = builder.newTab;
        var labels = new LinkedHashMap<>(ENGLISH_LABELS);
        labels.putAll(builder.labels);
        this.labels = Map.copyOf(labels);
        this.markdown = HtmlRenderer.builder()
                .extensions(Markdown.EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .urlSanitizer(new UrlSanitizer() {
                    @Override
                    public String sanitizeLinkUrl(String url) {
                        return Links.safe(url).orElse("");
                    }

                    @Override
                    public String sanitizeImageUrl(String url) {
                        return "";
                    }
                })
                .percentEncodeUrls(true)
                .softbreak(" ")
                .attributeProviderFactory(context -> attributes)
                .build();
        this.plain = new PlainTextHtml(this::writeLink);
    }

    /** Returns a renderer with the defaults: Markdown's {@code #} as {@code <h3>}, English labels, new tabs. */
    public static ArticleRenderer create() {
        return builder().build();
    }

    /** Starts a renderer with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns {@code field} of {@code content} as HTML, in the content's format. The title is escaped text without
     * an element around it (a page puts it in its own heading); the other fields are block elements, or the empty
     * string when the field is empty.
     */
    public String html(ArticleContent content, TextField field) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(field, "field");
        if (field == TextField.TITLE) {
            return Html.escape(content.title());
        }
        return html(field.of(content), content.format());
    }

    /** Returns {@code text}, written in {@code format}, as block elements; the empty string for blank text. */
    public String html(String text, TextFormat format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        if (text.isBlank()) {
            return "";
        }
        return switch (format) {
            case PLAIN -> plain.html(text);
            case MARKDOWN -> markdown(text);
        };
    }

    /**
     * Returns the environment of {@code content} as a labelled list, {@code <dl class="kb-environment">}: product,
     * version and platform first, then the other attributes by key, then the free text (in the content's format)
     * labelled {@link #ENVIRONMENT_TEXT}'s label. The empty string for an empty environment.
     */
    public String environmentHtml(ArticleContent content) {
        Objects.requireNonNull(content, "content");
        Environment environment = content.environment();
        if (environment.isEmpty()) {
            return "";
        }
        var out = new StringBuilder("<dl class=\"kb-environment\">\n");
        var keys = new ArrayList<String>();
        FIRST.stream().filter(environment.attributes()::containsKey).forEach(keys::add);
        environment.attributes().keySet().stream()
                .filter(key -> !FIRST.contains(key))
                .forEach(keys::add);
        for (String key : keys) {
            out.append("<dt>")
                    .append(Html.escape(label(key)))
                    .append("</dt><dd>")
                    .append(Html.escape(environment.attributes().get(key)))
                    .append("</dd>\n");
        }
        if (!environment.text().isEmpty()) {
            out.append("<dt>")
                    .append(Html.escape(label(ENVIRONMENT_TEXT)))
                    .append("</dt><dd>")
                    .append(html(environment.text(), content.format()).strip())
                    .append("</dd>\n");
        }
        return out.append("</dl>\n").toString();
    }

    /** The label of an environment key: the configured one, else the key with its first letter upper-cased. */
    private String label(String key) {
        String label = labels.get(key);
        if (label != null) {
            return label;
        }
        String words = key.replace('_', ' ').replace('-', ' ').replace('.', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    // ---- Markdown ----------------------------------------------------------------------------------------------

    private String markdown(String text) {
        Node document = Markdown.parse(text);
        var headings = new ArrayList<Heading>();
        var links = new ArrayList<Link>();
        var images = new ArrayList<Image>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading);
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                links.add(link);
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                images.add(image);
                visitChildren(image);
            }
        });
        for (Heading heading : headings) {
            heading.setLevel(Math.min(6, heading.getLevel() + firstHeadingLevel - 1));
        }
        for (Image image : images) {
            // A link to the image, with its description (or its address) as the link's text.
            var link = new Link(image.getDestination(), image.getTitle());
            moveChildren(image, link);
            if (link.getFirstChild() == null) {
                link.appendChild(new Text(image.getDestination()));
            }
            image.insertBefore(link);
            image.unlink();
            links.add(link);
        }
        for (Link link : links) {
            Optional<String> href = Links.safe(link.getDestination());
            if (href.isPresent() && !nestedIn(link)) {
                link.setDestination(href.get());
            } else {
                // Not a link a page may hold (or a link inside a link): its text only.
                Node child = link.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    link.insertBefore(child);
                    child = next;
                }
                link.unlink();
            }
        }
        return markdown.render(document);
    }

    private static boolean nestedIn(Link link) {
        for (Node parent = link.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof Link) {
                return true;
            }
        }
        return false;
    }

    private static void moveChildren(Node from, Node to) {
        Node child = from.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            to.appendChild(child);
            child = next;
        }
    }

    /** The attributes of rendered Markdown: rel and target on links that leave the site, checked code classes. */
    private final AttributeProvider attributes = (node, tagName, attributes) -> {
        if (node instanceof Link) {
            // In a fixed order, and rel only for links that leave the site (CommonMark puts nofollow on all).
            String href = attributes.getOrDefault("href", "");
            String title = attributes.get("title");
            attributes.clear();
            attributes.put("href", href);
            if (title != null) {
                attributes.put("title", title);
            }
            if (Links.external(href)) {
                external(attributes);
            }
        } else if ("code".equals(tagName)) {
            String language = attributes.get("class");
            if (language != null && !CODE_LANGUAGE.matcher(language).matches()) {
                attributes.remove("class");
            }
        }
    };

    private void external(Map<String, String> attributes) {
        attributes.put("rel", "noopener nofollow");
        if (newTab) {
            attributes.put("target", "_blank");
        }
    }

    /** Writes a link of plain text; {@code href} has passed {@link Links#safe}. */
    private void writeLink(StringBuilder out, String href, String text) {
        out.append("<a href=\"").append(Html.escape(percentEncode(href))).append('"');
        if (Links.external(href)) {
            out.append(" rel=\"noopener nofollow\"");
            if (newTab) {
                out.append(" target=\"_blank\"");
            }
        }
        out.append('>').append(Html.escape(text)).append("</a>");
    }

    /** Percent-encodes what a URL cannot hold as is (non-ASCII, quotes, backslashes), keeping existing escapes. */
    private static String percentEncode(String href) {
        var out = new StringBuilder(href.length());
        for (byte b : href.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Options of an {@link ArticleRenderer}. Each option may be set once; setting it again fails and names the value
     * set before. Not thread-safe; {@link #build()} does not change the builder.
     */
    public static final class Builder {
        private int firstHeadingLevel = 3;
        private boolean headingSet;
        private boolean newTab = true;
        private boolean newTabSet;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The element a Markdown {@code #} heading becomes, 1 to 6 (default 3: a page's own heading and the
         * article's title come first); deeper headings follow it, at most {@code <h6>}.
         */
        public Builder firstHeadingLevel(int level) {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException(
                        "firstHeadingLevel must be 1 to 6 (h1 to h6), was " + level + "; the default is 3");
            }
            if (headingSet) {
                throw new IllegalStateException("firstHeadingLevel was already set to " + firstHeadingLevel);
            }
            this.firstHeadingLevel = level;
            this.headingSet = true;
            return this;
        }

        /** Whether links that leave the site get {@code target="_blank"} (default true). */
        public Builder externalLinksInNewTab(boolean newTab) {
            if (newTabSet) {
                throw new IllegalStateException("externalLinksInNewTab was already set to " + this.newTab);
            }
            this.newTab = newTab;
            this.newTabSet = true;
            return this;
        }

        /**
         * The label shown for an environment attribute {@code key} (such as {@link Environment#PRODUCT}), or for
         * the free text with {@link #ENVIRONMENT_TEXT}. Defaults: Product, Version, Component, Platform (for the
         * {@code platform} attribute and the free text); another key is shown with its first letter upper-cased.
         */
        public Builder label(String key, String label) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("The label of '" + key + "' is blank; give the text to show");
            }
            String earlier = labels.putIfAbsent(key, label.strip());
            if (earlier != null) {
                throw new IllegalStateException("The label of '" + key + "' was already set to '" + earlier + "'");
            }
            return this;
        }

        /** Returns a renderer with these options. */
        public ArticleRenderer build() {
            return new ArticleRenderer(this);
        }
    }
}
