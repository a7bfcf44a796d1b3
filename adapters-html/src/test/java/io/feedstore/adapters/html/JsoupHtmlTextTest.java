package io.feedstore.adapters.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsoupHtmlTextTest {

    private static final List<String> TAGS = List.of(
            "p", "div", "b", "i", "span", "li", "ul", "h2", "br", "a", "table", "td", "tr", "script", "style",
            "section", "article", "em", "strong");

    private final JsoupHtmlText html = new JsoupHtmlText();

    @Test
    void blocksBecomeLinesAndInlineElementsStayInTheirLine() {
        assertThat(
                        html.toText(
                                "<h1>Ærø – “nyt”</h1><p>Første <b>fed</b>&nbsp;linje<br>anden</p><ul><li>a</li><li>b</li></ul>"))
                .isEqualTo("Ærø – “nyt”\nFørste fed linje\nanden\na\nb");
    }

    @Test
    void scriptsStylesAndTemplatesLeaveNoText() {
        assertThat(html.toText("<style>p{}</style><script>alert('x')</script><template><p>t</p></template>"
                        + "<noscript>n</noscript><p>Åsa</p>"))
                .isEqualTo("Åsa");
    }

    @Test
    void noTagOfTheInputEverSurvivesWhateverTheNesting() {
        qt().withExamples(2_000)
                .forAll(
                        lists().of(integers().between(0, TAGS.size() - 1)).ofSizeBetween(0, 12),
                        strings()
                                .betweenCodePoints(' ', '~')
                                .ofLengthBetween(0, 40)
                                .mix(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 20)),
                        integers().between(0, 3))
                .checkAssert((tags, text, broken) -> {
                    StringBuilder markup = new StringBuilder();
                    for (int t : tags) {
                        markup.append('<')
                                .append(TAGS.get(t))
                                .append(" class=\"x\">")
                                .append(text.replace("<", ""));
                    }
                    for (int i = tags.size() - 1; i >= broken; i--) {
                        markup.append("</").append(TAGS.get(tags.get(i))).append('>');
                    }
                    String result = html.toText(markup.toString());
                    for (String tag : TAGS) {
                        assertThat(result).doesNotContain("<" + tag + " ", "</" + tag + ">");
                    }
                    assertThat(result)
                            .doesNotContain("\n\n")
                            .doesNotStartWith(" ")
                            .doesNotEndWith(" ");
                });
    }
}
