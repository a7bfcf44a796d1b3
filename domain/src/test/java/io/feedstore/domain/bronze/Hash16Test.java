package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.release.Source;
import org.junit.jupiter.api.Test;

class Hash16Test {

    @Test
    void theEntryHashOfAbcIsTheKnownVector() {
        assertThat(Hash16.ofEntry("abc")).isEqualTo("39674985912ef849");
    }

    @Test
    void anEntryIdHashesTheGuidFirstThenTheLinkThenTitleAndLink() {
        Source rss = Source.of("rss");

        assertThat(RawItemId.ofEntry(rss, "abc", "https://x.se/a", "T").value()).isEqualTo("rss__39674985912ef849");
        assertThat(RawItemId.ofEntry(rss, "", "abc", "T").value()).isEqualTo("rss__39674985912ef849");
        assertThat(RawItemId.ofEntry(rss, null, null, "Ærø Energi – årsrapport"))
                .isEqualTo(RawItemId.of("rss__" + Hash16.ofEntry("Ærø Energi – årsrapport|")));
    }

    @Test
    void everyHashIsSixteenLowercaseHexDigits() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(raw -> assertThat(Hash16.ofEntry(raw)).matches("[0-9a-f]{16}"));
    }
}
