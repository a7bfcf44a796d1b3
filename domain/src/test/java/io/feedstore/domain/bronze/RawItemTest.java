package io.feedstore.domain.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RawItemTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

    @Test
    void anEmailLivesUnderItsGmailIdAsMessageEmlAndMetaJson() {
        RawItem item = RawItem.email(Source.of("gmail"), DAY, RawItemId.of("18c3f0a2b4d5e6f7"));

        assertThat(item.key(RawPart.MESSAGE_EML).value())
                .isEqualTo("bronze_raw/source=gmail/dt=2025-03-14/msgId=18c3f0a2b4d5e6f7/message.eml");
        assertThat(item.key(RawPart.META_JSON).value())
                .isEqualTo("bronze_raw/source=gmail/dt=2025-03-14/msgId=18c3f0a2b4d5e6f7/meta.json");
        assertThat(RawPart.MESSAGE_EML.contentType()).isEqualTo("message/rfc822");
    }

    @Test
    void aPageLivesUnderSourceAndHashAsGzippedHtmlAndEntry() {
        RawItem item = RawItem.page(Source.of("rss"), DAY, RawItemId.of("rss__39674985912ef849"));

        assertThat(item.key(RawPart.CONTENT_HTML_GZ).value())
                .isEqualTo("bronze_raw/source=rss/dt=2025-03-14/msgId=rss__39674985912ef849/content.html.gz");
        assertThat(item.key(RawPart.ENTRY_JSON_GZ).value())
                .isEqualTo("bronze_raw/source=rss/dt=2025-03-14/msgId=rss__39674985912ef849/entry.json.gz");
        assertThat(RawPart.CONTENT_HTML_GZ.contentEncoding().get()).isEqualTo("gzip");
        assertThat(RawPart.CONTENT_HTML_GZ.contentType()).isEqualTo("text/html");
    }

    @Test
    void aPageIdMustCarryItsOwnSourceAndAnEmailIdMustBeAGmailOrEmailId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItem.page(Source.of("rss"), DAY, RawItemId.of("prwire__39674985912ef849")))
                .withMessageContaining("rss__");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItem.email(Source.of("gmail"), DAY, RawItemId.of("rss__39674985912ef849")))
                .withMessageContaining("email__");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RawItem.email(Source.of("gmail"), DAY, RawItemId.of("18c3f0a2b4d5e6f7"))
                        .key(RawPart.CONTENT_HTML_GZ))
                .withMessageContaining("no part content.html.gz");
    }

    @Test
    void everyKeyOfEveryItemLocatesBackToThatItemAndPart() {
        qt().withExamples(2_000)
                .forAll(
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12),
                        longs().between(
                                        LocalDate.of(1, 1, 1).toEpochDay(),
                                        LocalDate.of(9999, 12, 31).toEpochDay()),
                        longs().all())
                .checkAssert((source, epochDay, n) -> {
                    LocalDate dt = LocalDate.ofEpochDay(epochDay);
                    String hex = String.format("%016x", n);
                    int shape = (int) Math.floorMod(n, 3L);
                    RawItem item = switch (shape) {
                        case 0 -> RawItem.email(Source.of(source), dt, RawItemId.of(hex));
                        case 1 -> RawItem.email(Source.of(source), dt, RawItemId.of("email__" + hex));
                        default -> RawItem.page(Source.of(source), dt, RawItemId.of(source + "__" + hex));
                    };
                    for (RawPart part : item.parts()) {
                        assertThat(RawItem.locate(item.key(part)).get()).isEqualTo(new RawItem.Located(item, part));
                    }
                });
    }

    @Test
    void aKeyOutsideTheLayoutIsNotLocatedAndTheReasonNamesIt() {
        assertThat(RawItem.locate(ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=x/message.eml"))
                        .getLeft())
                .contains("msgId 'x'");
        assertThat(RawItem.locate(ObjectKey.of("bronze_raw/source=gmail/dt=2025-03-14/msgId=18c3f0a2b4d5e6f7/x.txt"))
                        .getLeft())
                .contains("names no bronze part");
        assertThat(RawItem.locate(ObjectKey.of("silver_normalized/table=press_releases/x.parquet"))
                        .getLeft())
                .contains("is not bronze_raw/");
    }
}
