package org.kcskb.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.Environment;
import org.kcskb.article.TextField;
import org.kcskb.article.TextFormat;

class ArticleTextTest {
    private static String plain(String markdown) {
        return ArticleText.plain(markdown, TextFormat.MARKDOWN);
    }

    @Test
    void markdown_keepsTheWordsAReaderSees_withoutMarkup() {
        String text = plain("""
                # Drucker **neu** einrichten

                1. Treiber von der [Downloadseite](https://acme.example/support/print "Downloads") laden
                2) Paket *installieren* mit `setup.exe /quiet`
                - Testseite drucken
                * > zitiert

                ```
                spooler restart
                ```
                ![Screenshot des Dialogs](https://acme.example/s.png)
                """);
        assertThat(text)
                .isEqualTo("Drucker neu einrichten\n"
                        + "Treiber von der Downloadseite laden\n"
                        + "Paket installieren mit setup.exe /quiet\n"
                        + "Testseite drucken\n"
                        + "zitiert\n"
                        + "spooler restart\n"
                        + "Screenshot des Dialogs");
        assertThat(text).doesNotContain("#", "*", "[", "](", "`", "https", ">");
    }

    @Test
    void markdown_joinsHardWrappedLines_andKeepsBareUrlsAsText() {
        assertThat(plain("Laden Sie den Treiber\nvon https://acme.example/dl herunter.\\\nDann neu starten."))
                .isEqualTo("Laden Sie den Treiber von https://acme.example/dl herunter.\nDann neu starten.");
    }

    @Test
    void markdown_tables_areRowsOfCellsWithoutPipes() {
        assertThat(plain("""
                | Modell | Treiber |
                |:-------|--------:|
                | P400   | 5.1     |
                | P500   | 5.2     |
                """)).isEqualTo("Modell\tTreiber\nP400\t5.1\nP500\t5.2");
    }

    @Test
    void markdown_rawHtml_staysAsText_asTheRendererShowsIt() {
        assertThat(plain("Drücken Sie <Enter> & warten\n\n<div>Block</div>"))
                .isEqualTo("Drücken Sie <Enter> & warten\n<div>Block</div>");
    }

    @Test
    void plainText_andTheTitle_areReturnedAsWritten() {
        var content = new ArticleContent(
                        "**Titel** bleibt",
                        "Kein *Markdown*\nhier",
                        Environment.of("Windows *11*"),
                        "",
                        "",
                        java.util.Locale.GERMAN,
                        java.util.Set.of())
                .withResolution("# Schritte");
        assertThat(ArticleText.plain(content, TextField.ISSUE)).isEqualTo("Kein *Markdown*\nhier");
        assertThat(ArticleText.plain(content, TextField.RESOLUTION)).isEqualTo("# Schritte");

        var markdown = content.withFormat(TextFormat.MARKDOWN);
        assertThat(ArticleText.plain(markdown, TextField.TITLE)).isEqualTo("**Titel** bleibt");
        assertThat(ArticleText.plain(markdown, TextField.ISSUE)).isEqualTo("Kein Markdown hier");
        assertThat(ArticleText.plain(markdown, TextField.ENVIRONMENT)).isEqualTo("Windows 11");
        assertThat(ArticleText.plain(markdown, TextField.RESOLUTION)).isEqualTo("Schritte");
        assertThat(ArticleText.plain(markdown, TextField.CAUSE)).isEmpty();
    }
}
