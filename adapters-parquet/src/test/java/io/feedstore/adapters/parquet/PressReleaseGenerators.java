package io.feedstore.adapters.parquet;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Valid press releases whose texts reach into every corner of Unicode that UTF-8 can carry. */
final class PressReleaseGenerators {

    private static final long FIRST_SECOND =
            LocalDate.of(1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_SECOND =
            LocalDate.of(9999, 12, 31).atTime(23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private PressReleaseGenerators() {}

    /** Code points, never a lone surrogate: ASCII, NUL and controls, the BMP, emoji and the rest of the planes. */
    static Gen<Integer> codePoints() {
        Gen<Integer> bmpWithoutSurrogates =
                Generate.range(0x80, 0xFFFF - 0x800).map(cp -> cp >= 0xD800 ? cp + 0x800 : cp);
        return Generate.frequency(List.of(
                Pair.of(8, Generate.range(0x20, 0x7E)),
                Pair.of(1, Generate.range(0x00, 0x1F)),
                Pair.of(3, bmpWithoutSurrogates),
                Pair.of(2, Generate.range(0x1F300, 0x1FAFF)),
                Pair.of(1, Generate.range(0x10000, 0x10FFFF)),
                Pair.of(1, Generate.constant(0xFFFD))));
    }

    static Gen<String> texts(int maxCodePoints) {
        return lists().of(codePoints()).ofSizeBetween(0, maxCodePoints).map(PressReleaseGenerators::string);
    }

    static Gen<Option<String>> optionalTexts(int maxCodePoints) {
        return Generate.frequency(List.of(
                Pair.of(1, Generate.constant(Option.<String>none())),
                Pair.of(3, texts(maxCodePoints).map(Option::some))));
    }

    /** About a megabyte of text (over two megabytes of UTF-8 when the snippet is not ASCII). */
    static Gen<String> megabyteTexts() {
        return lists().of(codePoints())
                .ofSizeBetween(1, 40)
                .map(PressReleaseGenerators::string)
                .map(snippet -> snippet.repeat(1_000_000 / snippet.length() + 1));
    }

    static Gen<PressReleaseId> ids() {
        return lists().of(codePoints())
                .ofSizeBetween(1, 30)
                .map(PressReleaseGenerators::string)
                .map(s -> PressReleaseId.of(s.isBlank() ? "id" + s : s));
    }

    static Gen<Source> sources() {
        String first = "abcdefghijklmnopqrstuvwxyz0123456789";
        String rest = first + "_-";
        Gen<Character> head = Generate.pick(chars(first));
        Gen<String> tail = lists().of(Generate.pick(chars(rest)))
                .ofSizeBetween(0, 63)
                .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
        return head.zip(tail, (h, t) -> Source.of(h + t));
    }

    static Gen<LocalDate> dates() {
        return Generate.longRange(
                        LocalDate.of(1, 1, 1).toEpochDay(),
                        LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    static Gen<Instant> instants() {
        return Generate.longRange(FIRST_SECOND, LAST_SECOND)
                .zip(Generate.range(0, 999_999_999), Instant::ofEpochSecond);
    }

    static Gen<Option<Instant>> optionalInstants() {
        return Generate.frequency(List.of(
                Pair.of(1, Generate.constant(Option.<Instant>none())),
                Pair.of(3, instants().map(Option::some))));
    }

    static Gen<Option<Integer>> optionalVersions() {
        return Generate.frequency(List.of(
                Pair.of(1, Generate.constant(Option.<Integer>none())),
                Pair.of(3, integers().all().map(Option::some))));
    }

    static Gen<PressRelease> pressReleases() {
        return pressReleases(optionalTexts(200));
    }

    static Gen<PressRelease> pressReleases(Gen<Option<String>> fullTexts) {
        Gen<PressReleaseId> ids = ids();
        Gen<Option<String>> shortTexts = optionalTexts(20);
        Gen<LocalDate> dates = dates();
        Gen<Option<Instant>> instants = optionalInstants();
        Gen<Source> sources = sources();
        Gen<Option<Integer>> versions = optionalVersions();
        Gen<PressRelease> records = random -> new PressRelease(
                ids.generate(random),
                shortTexts.generate(random),
                shortTexts.generate(random),
                dates.generate(random),
                instants.generate(random),
                instants.generate(random),
                shortTexts.generate(random),
                fullTexts.generate(random),
                sources.generate(random),
                shortTexts.generate(random),
                versions.generate(random),
                versions.generate(random));
        return records.describedAs(PressReleaseGenerators::describe);
    }

    /** A failing example with a megabyte text would flood the report; show sizes instead. */
    static String describe(PressRelease r) {
        Option<String> shown = r.fullText().map(t -> t.length() > 1_000 ? "<" + t.length() + " chars>" : t);
        return new PressRelease(
                        r.id(),
                        r.companyName(),
                        r.category(),
                        r.releaseDate(),
                        r.releaseTimestamp(),
                        r.ingestedAt(),
                        r.title(),
                        shown,
                        r.source(),
                        r.sourceUrl(),
                        r.parserVersion(),
                        r.schemaVersion())
                .toString();
    }

    private static String string(List<Integer> codePoints) {
        StringBuilder s = new StringBuilder();
        codePoints.forEach(s::appendCodePoint);
        return s.toString();
    }

    private static List<Character> chars(String alphabet) {
        return alphabet.chars().mapToObj(c -> (char) c).toList();
    }
}
