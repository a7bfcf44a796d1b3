package io.feedstore.bootstrap.cli;

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

/** Valid press releases with texts that stress a text format: quotes, commas, line breaks, controls, emoji. */
final class SamplePressReleases {

    private static final long FIRST_SECOND =
            LocalDate.of(1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_SECOND =
            LocalDate.of(9999, 12, 31).atTime(23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private SamplePressReleases() {}

    static Gen<PressRelease> any() {
        Gen<Option<String>> texts = optional(texts(40));
        Gen<String> idTexts = texts(20).map(s -> s.isBlank() ? "id" + s : s);
        Gen<LocalDate> dates = Generate.longRange(
                        LocalDate.of(1, 1, 1).toEpochDay(),
                        LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<Option<Instant>> instants = optional(Generate.longRange(FIRST_SECOND, LAST_SECOND)
                .zip(Generate.range(0, 999_999_999), Instant::ofEpochSecond));
        Gen<Source> sources = Generate.pick(List.of("gmail", "rss", "a", "0-x_y", "z".repeat(64)))
                .map(Source::of);
        Gen<Option<Integer>> versions = optional(integers().all());
        return random -> new PressRelease(
                PressReleaseId.of(idTexts.generate(random)),
                texts.generate(random),
                texts.generate(random),
                dates.generate(random),
                instants.generate(random),
                instants.generate(random),
                texts.generate(random),
                texts.generate(random),
                sources.generate(random),
                texts.generate(random),
                versions.generate(random),
                versions.generate(random));
    }

    private static Gen<String> texts(int maxCodePoints) {
        Gen<Integer> bmpWithoutSurrogates =
                Generate.range(0x80, 0xFFFF - 0x800).map(cp -> cp >= 0xD800 ? cp + 0x800 : cp);
        Gen<Integer> codePoints = Generate.frequency(List.of(
                Pair.of(8, Generate.range(0x20, 0x7E)),
                Pair.of(2, Generate.pick(List.of((int) '"', (int) ',', (int) '\n', (int) '\r', (int) '\\', 0xFEFF))),
                Pair.of(1, Generate.range(0x00, 0x1F)),
                Pair.of(2, bmpWithoutSurrogates),
                Pair.of(1, Generate.range(0x1F300, 0x1FAFF))));
        return lists().of(codePoints).ofSizeBetween(0, maxCodePoints).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    private static <T> Gen<Option<T>> optional(Gen<T> values) {
        return Generate.frequency(
                List.of(Pair.of(1, Generate.constant(Option.<T>none())), Pair.of(3, values.map(Option::some))));
    }
}
