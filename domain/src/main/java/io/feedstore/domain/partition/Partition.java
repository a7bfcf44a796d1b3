package io.feedstore.domain.partition;

import io.feedstore.domain.release.Source;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The unit of batching and consolidation: all press releases of one source released on one date. */
public record Partition(Source source, LocalDate releaseDate) implements Comparable<Partition> {

    private static final Pattern PATH =
            Pattern.compile(Pattern.quote(StoreLayout.TABLE.value()) + "source=([^/]+)/release_date=([^/]+)/[^/]+");

    private static final Comparator<Partition> ORDER =
            Comparator.comparing(Partition::releaseDate).thenComparing(Partition::source);

    public Partition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(releaseDate, "release_date");
    }

    public KeyPrefix prefix() {
        return StoreLayout.TABLE
                .child("source=" + source.value())
                .child("release_date=" + WireRecord.formatDate(releaseDate));
    }

    public ObjectKey consolidatedKey() {
        return prefix().key(StoreLayout.CONSOLIDATED_NAME);
    }

    public ObjectKey batchKey(BatchName name) {
        return prefix().key(name.fileName());
    }

    /** The partition a key lies directly in, if it is a file of the table (not in a deeper folder). */
    public static Option<Partition> containing(ObjectKey key) {
        Matcher m = PATH.matcher(key.value());
        if (!m.matches()) {
            return Option.none();
        }
        return Try.of(() -> new Partition(
                        new Source(m.group(1)), WireRecord.parseDate(WireRecord.RELEASE_DATE, m.group(2))))
                .toOption();
    }

    /** By date, then source: the order summaries are printed in. */
    @Override
    public int compareTo(Partition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return source + "/" + releaseDate;
    }
}
