package io.feedstore.adapters.html;

import io.feedstore.domain.bronze.HtmlText;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to readable text with jsoup, which builds a tree and nothing more: no script runs, no resource is fetched.
 * Block elements become line breaks, text keeps its decoded characters, and no tag survives.
 */
public final class JsoupHtmlText implements HtmlText {

    /** Elements whose content is never reader text. */
    static final String INVISIBLE = "script, style, noscript, template, head, svg, iframe, object";

    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul");

    @Override
    public String toText(String html) {
        Element body = Jsoup.parse(html == null ? "" : html).body();
        body.select(INVISIBLE).remove();
        return text(body);
    }

    /** The text of an element: one line per block, whitespace inside a line collapsed, empty lines dropped. */
    static String text(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            out.append(text.getWholeText());
                        } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                            out.append('\n');
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                            out.append('\n');
                        }
                    }
                },
                root);
        return normalise(out.toString());
    }

    /** Each line's whitespace (non-breaking spaces included) collapsed to single spaces; blank lines dropped. */
    static String normalise(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String collapsed =
                    line.replaceAll("[\\s\\u00a0\\u2007\\u202f]+", " ").strip();
            if (!collapsed.isEmpty()) {
                if (result.length() > 0) {
                    result.append('\n');
                }
                result.append(collapsed);
            }
        }
        return result.toString();
    }
}
