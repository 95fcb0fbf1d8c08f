package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.web.KbWeb;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The accessibility checks README lists (help-site section, "Accessibility"), on the demo page in headless
 * Chromium: the focus order with Tab from the top of the page, an accessible name for every control, the colour
 * contrast of every text the widget shows (WCAG AA), and the result count announced in a live region in German,
 * English and French.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteAccessibilityTest {
    /** WCAG 2.2 AA, 1.4.3: normal text; large text (24 px, or 18.66 px bold) needs 3:1. */
    private static final double AA_NORMAL = 4.5;

    private static final String QUERY = "drucker";

    /** Page helpers: whether an element is visible, its accessible name, and its text's contrast. */
    private static final String HELPERS = """
            function visible(e) {
              var r = e.getBoundingClientRect(), s = getComputedStyle(e);
              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
            }
            function describe(e) {
              if (!e || e === document.body) { return 'body'; }
              var text = (e.tagName === 'INPUT' ? e.value || e.placeholder
                : e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40);
              return e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0] + ' ' + text;
            }
            function accessibleName(e) {
              var by = e.getAttribute('aria-labelledby');
              if (by) {
                return by.split(/\\s+/).map(function (id) {
                  var l = document.getElementById(id); return l ? l.textContent : '';
                }).join(' ').trim();
              }
              if (e.getAttribute('aria-label')) { return e.getAttribute('aria-label').trim(); }
              if (e.labels && e.labels.length) {
                return Array.prototype.map.call(e.labels, function (l) { return l.textContent; }).join(' ').trim();
              }
              if (/^(INPUT|TEXTAREA|SELECT)$/.test(e.tagName)) { return (e.getAttribute('title') || '').trim(); }
              var alt = Array.prototype.map.call(e.querySelectorAll('img[alt]'), function (i) { return i.alt; }).join(' ');
              return (e.textContent.trim() + ' ' + alt).trim() || (e.getAttribute('title') || '').trim();
            }
            function rgba(value) {
              var m = value.match(/rgba?\\(([^)]+)\\)/);
              if (!m) { return [0, 0, 0, 0]; }
              var p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat);
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            }
            function over(top, bottom) {
              var a = top[3];
              return [0, 1, 2].map(function (i) { return top[i] * a + bottom[i] * (1 - a); }).concat([1]);
            }
            function background(e) {
              var layers = [];
              for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
                var c = rgba(getComputedStyle(n).backgroundColor);
                if (c[3] > 0) { layers.push(c); }
                if (c[3] >= 1) { break; }
              }
              var result = [255, 255, 255, 1];
              for (var i = layers.length - 1; i >= 0; i--) { result = over(layers[i], result); }
              return result;
            }
            function luminance(c) {
              var v = [0, 1, 2].map(function (i) {
                var s = c[i] / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
              });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            function contrast(fg, bg) {
              var a = luminance(over(fg, bg)), b = luminance(bg);
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            /** Every visible element under root with text of its own: its contrast and the minimum it needs. */
            function contrasts(root) {
              var out = [];
              root.querySelectorAll('*').forEach(function (e) {
                var own = Array.prototype.some.call(e.childNodes, function (n) {
                  return n.nodeType === 3 && n.textContent.trim();
                });
                if (!own || !visible(e) || e.disabled) { return; }
                var s = getComputedStyle(e), size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
                var bg = background(e);
                out.push({ what: describe(e), ratio: contrast(rgba(s.color), bg),
                  needs: size >= 24 || (bold && size >= 18.66) ? 3 : 4.5 });
              });
              root.querySelectorAll('input').forEach(function (e) {
                if (!visible(e) || !e.placeholder || e.value) { return; }
                var s = getComputedStyle(e, '::placeholder');
                out.push({ what: 'placeholder ' + e.placeholder.slice(0, 30), ratio: contrast(rgba(s.color), background(e)),
                  needs: 4.5, color: s.color });
              });
              return out;
            }
            """;

    private DemoSiteInBrowser demo;
    private HelpSiteServer site;
    private Chromium chromium;
    private WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        demo = DemoSiteInBrowser.start(directory, site -> site.rateLimit(1_000, 1_000));
        site = demo.site;
        chromium = demo.chromium;
        wait = demo.wait;
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(HELPERS + script, args);
    }

    /** Opens the demo page at {@code hash} and waits for the widget (and, for a search route, its results). */
    private void open(String hash) {
        chromium.driver.get(site.address() + hash);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
        wait.until(d -> !"".equals(js("return document.querySelector('.kbw-label').textContent")));
        if (hash.startsWith("#/search")) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kbw-results .kbw-hit-title")));
        }
    }

    /** Presses Tab from the top of the page until focus leaves the page; what got focus, in order. */
    private List<String> tabFromTheTop() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            new Actions(chromium.driver).sendKeys(Keys.TAB).perform();
            String focused = (String) js("return describe(document.activeElement)");
            if (focused.equals("body") || (!order.isEmpty() && focused.equals(order.getFirst()))) {
                break;
            }
            order.add(focused);
        }
        return order;
    }

    @Test
    void tabFromTheTop_followsTheReadingOrder_languageSwitchSearchFiltersResultsThenSupport() {
        open("");
        List<String> start = tabFromTheTop();
        System.out.println("Focus order, start page: " + start);
        assertThat(start)
                .containsExactly(
                        "a.acme-brand Acme Hilfe · Help",
                        "a. Hilfe-Center · Help Center",
                        "button.kbw-lang DE",
                        "button.kbw-lang EN",
                        "input.kbw-input Problem beschreiben, z. B. „Drucker offl");

        open("#/search?q=" + QUERY);
        @SuppressWarnings("unchecked")
        List<String> expected = (List<String>) js("""
                var page = Array.prototype.slice.call(document.querySelectorAll('header a'));
                var w = document.querySelector('.kbw');
                var widget = [].concat(
                  Array.prototype.slice.call(w.querySelectorAll('.kbw-lang')), [w.querySelector('.kbw-input')],
                  Array.prototype.slice.call(w.querySelectorAll('.kbw-notices a, .kbw-notices button')),
                  Array.prototype.slice.call(w.querySelectorAll('.kbw-dym-button, .kbw-facet')),
                  Array.prototype.slice.call(w.querySelectorAll('.kbw-hit-title, .kbw-translations button')),
                  [w.querySelector('.kbw-more'), w.querySelector('.kbw-handoff-open')]);
                return page.concat(widget).filter(visible).map(describe);""");
        List<String> results = tabFromTheTop();
        System.out.println("Focus order, results: " + results);
        assertThat(results).isEqualTo(expected);
        assertThat(results.stream().filter(s -> s.startsWith("a.kbw-hit-title")).count())
                .as("every result's link is reached")
                .isEqualTo(chromium.driver
                        .findElements(By.cssSelector(".kbw-hit-title"))
                        .size())
                .isGreaterThan(1);
        assertThat(results.indexOf("input.kbw-input " + QUERY)).isEqualTo(4);
        assertThat(results.getLast()).isEqualTo("button.kbw-link Support kontaktieren");
        // Focus order is the visual order: every stop is below or beside the one before.
        @SuppressWarnings("unchecked")
        List<Number> tops = (List<Number>)
                js("return Array.prototype.slice.call(document.querySelectorAll('a[href], button, input'))"
                        + ".filter(visible).map(function (e) { return e.getBoundingClientRect().top; })");
        for (int i = 1; i < tops.size(); i++) {
            assertThat(tops.get(i).doubleValue())
                    .isGreaterThanOrEqualTo(tops.get(i - 1).doubleValue() - 12);
        }
    }

    @Test
    void everyControl_hasAnAccessibleName_inTheSearchAndTheArticleView() {
        open("#/search?q=" + QUERY);
        chromium.driver.findElement(By.cssSelector(".kbw-input")).click();
        var named = new ArrayList<String>(controlNames());
        chromium.driver
                .findElements(By.cssSelector(".kbw-hit-title"))
                .getFirst()
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-article-title")));
        chromium.driver.findElement(By.cssSelector(".kbw-vote-no")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-comment textarea")));
        named.addAll(controlNames());
        System.out.println("Accessible names: " + named);
        assertThat(named)
                .anySatisfy(n -> assertThat(n).startsWith("input: Wie können wir helfen?"))
                .anySatisfy(n -> assertThat(n).startsWith("div[group]: Sprache"))
                .anySatisfy(n -> assertThat(n).startsWith("textarea: Was hat gefehlt?"))
                .anySatisfy(n -> assertThat(n).startsWith("div[group]: War dieser Artikel hilfreich?"))
                .anySatisfy(n -> assertThat(n).startsWith("button: Ja"));
    }

    /** "tag: name" of every visible control and group; fails for one without a name. */
    private List<String> controlNames() {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> controls = (List<Map<String, String>>) js("""
                return Array.prototype.slice.call(document.querySelectorAll(
                    '.kbw input, .kbw textarea, .kbw select, .kbw button, .kbw a[href], .kbw [role]'))
                  .filter(visible)
                  .map(function (e) {
                    var role = e.getAttribute('role');
                    return { what: e.tagName.toLowerCase() + (role && !/^(combobox|status)$/.test(role) ? '[' + role + ']' : ''),
                      role: role || '', name: accessibleName(e), html: e.outerHTML.slice(0, 120) };
                  });""");
        List<String> names = new ArrayList<>();
        for (Map<String, String> control : controls) {
            if (control.get("role").equals("status")) {
                continue; // a live region, not a control: it may be empty until there is something to say
            }
            assertThat(control.get("name"))
                    .as("accessible name of " + control.get("html"))
                    .isNotBlank();
            names.add(control.get("what") + ": " + control.get("name"));
        }
        return names;
    }

    @Test
    void everyTextTheWidgetShows_hasAAContrast_inEveryView() {
        List<Map<String, Object>> checked = new ArrayList<>();
        open("");
        checked.addAll(contrasts());
        WebElement input = chromium.driver.findElement(By.cssSelector(".kbw-input"));
        input.sendKeys(QUERY);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-suggestion")));
        input.sendKeys(Keys.ARROW_DOWN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kbw-suggestion[aria-selected=true]")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kbw-results mark")));
        checked.addAll(contrasts());
        input.sendKeys(Keys.ESCAPE);
        chromium.driver
                .findElements(By.cssSelector(".kbw-hit-title"))
                .getFirst()
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-article-title")));
        checked.addAll(contrasts());
        chromium.driver.findElement(By.cssSelector(".kbw-vote-yes")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-vote-done:not(:empty)")));
        checked.addAll(contrasts());

        List<String> kinds = checked.stream().map(c -> (String) c.get("what")).toList();
        checked.stream()
                .filter(c -> ((String) c.get("what")).startsWith("placeholder "))
                .forEach(c ->
                        System.out.printf("Contrast: %s %.2f:1 (%s)%n", c.get("what"), c.get("ratio"), c.get("color")));
        System.out.printf(
                "Contrast: %d texts checked, lowest %.2f:1 (%s)%n",
                checked.size(),
                checked.stream()
                        .mapToDouble(c -> ((Number) c.get("ratio")).doubleValue())
                        .min()
                        .orElse(0),
                checked.stream()
                        .min(java.util.Comparator.comparingDouble(c -> ((Number) c.get("ratio")).doubleValue()))
                        .map(c -> c.get("what"))
                        .orElse("-"));
        // The texts README names were among them.
        assertThat(kinds)
                .anySatisfy(k -> assertThat(k).startsWith("label.kbw-label"))
                .anySatisfy(k -> assertThat(k).startsWith("placeholder "))
                .anySatisfy(k -> assertThat(k).startsWith("button.kbw-lang"))
                .anySatisfy(k -> assertThat(k).startsWith("span.kbw-kind"))
                .anySatisfy(k -> assertThat(k).startsWith("p.kbw-status"))
                .anySatisfy(k -> assertThat(k).startsWith("a.kbw-hit-title"))
                .anySatisfy(k -> assertThat(k).startsWith("mark."))
                .anySatisfy(k -> assertThat(k).startsWith("p.kbw-snippet"))
                .anySatisfy(k -> assertThat(k).startsWith("button.kbw-facet"))
                .anySatisfy(k -> assertThat(k).startsWith("button.kbw-link"))
                .anySatisfy(k -> assertThat(k).startsWith("h2.kbw-article-title"))
                .anySatisfy(k -> assertThat(k).startsWith("button.kbw-button"))
                .anySatisfy(k -> assertThat(k).startsWith("p.kbw-vote-done"));
        for (Map<String, Object> c : checked) {
            assertThat(((Number) c.get("ratio")).doubleValue())
                    .as("contrast of " + c.get("what"))
                    .isGreaterThanOrEqualTo(((Number) c.get("needs")).doubleValue());
        }
        assertThat(checked.stream()
                        .mapToDouble(c -> ((Number) c.get("needs")).doubleValue())
                        .max()
                        .orElse(0))
                .isEqualTo(AA_NORMAL);
    }

    private List<Map<String, Object>> contrasts() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found =
                (List<Map<String, Object>>) js("return contrasts(document.querySelector('.kbw'))");
        return found;
    }

    @Test
    void theResultCount_isAnnouncedInALiveRegion_inGermanEnglishAndFrench() throws Exception {
        open("");
        WebElement status = chromium.driver.findElement(By.cssSelector(".kbw-status"));
        assertThat(status.getAttribute("role")).isEqualTo("status");
        assertThat(status.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(status.getAttribute("aria-atomic")).isEqualTo("true");
        assertThat(status.getText()).isEmpty();

        // German: the page's language.
        chromium.driver.findElement(By.cssSelector(".kbw-input")).sendKeys(QUERY);
        assertAnnouncesCount(".kbw", "de");
        // English: the language switch.
        chromium.driver.findElement(By.cssSelector(".kbw-lang[data-lang=en]")).click();
        wait.until(d -> "How can we help?".equals(js("return document.querySelector('.kbw-label').textContent")));
        assertAnnouncesCount(".kbw", "en");
        // French: a widget mounted in French by the page's script.
        js("""
                var box = document.createElement('div'); box.id = 'kb-fr'; document.querySelector('main').appendChild(box);
                window.kbFr = KbWidget.mount(box, { lang: 'fr', routing: 'none' });""");
        wait.until(d -> "Comment pouvons-nous vous aider ?"
                .equals(js("return document.querySelector('#kb-fr .kbw-label').textContent")));
        js("window.kbFr.search(arguments[0])", QUERY);
        assertAnnouncesCount("#kb-fr .kbw", "fr");
    }

    /** The live region of {@code widget} says the count in the words of {@code language}'s bundle. */
    private void assertAnnouncesCount(String widget, String language) throws Exception {
        JsonNode bundle = new ObjectMapper()
                .readTree(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(site.address()
                                                .resolve("webjars/kb-web/" + KbWeb.version() + "/messages/" + language
                                                        + ".json"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        Pattern count = Pattern.compile(
                Pattern.quote(bundle.get("count.other").asText()).replace("{n}", "\\E(\\d+)\\Q"));
        String region = widget + " .kbw-status";
        String said = wait.until(d -> {
            String text = (String) js("return document.querySelector(arguments[0]).textContent", region);
            return count.matcher(text).matches() ? text : null;
        });
        Matcher m = count.matcher(said);
        assertThat(m.matches()).isTrue();
        long shown = (Long) js("return document.querySelectorAll(arguments[0]).length", widget + " .kbw-hit-title");
        assertThat(Long.parseLong(m.group(1)))
                .as(said)
                .isGreaterThanOrEqualTo(shown)
                .isGreaterThan(1);
        System.out.println("Announced (" + language + "): " + said);
    }
}
