package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Press releases and store set-ups for the use-case tests. */
public final class Releases {

    public static final Source GMAIL = Source.of("gmail");
    public static final Source RSS = Source.of("rss");
    public static final LocalDate DAY = LocalDate.of(2025, 1, 15);
    public static final Partition GMAIL_DAY = new Partition(GMAIL, DAY);
    public static final Partition RSS_DAY = new Partition(RSS, DAY);
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-16T03:04:05Z"), ZoneOffset.UTC);

    private Releases() {}

    public static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** A release of {@code gmail} on {@link #DAY}, ingested at {@code 2025-01-15T<hour>:00:00Z}. */
    public static PressRelease release(String id, int hour, String title) {
        return release(id, GMAIL_DAY, Instant.parse(String.format("2025-01-15T%02d:00:00Z", hour)), title);
    }

    public static PressRelease release(String id, Partition partition, Instant ingestedAt, String title) {
        PressRelease.Builder builder = PressRelease.builder(
                        PressReleaseId.of(id), partition.source(), partition.releaseDate())
                .companyName("ACME " + id)
                .title(title)
                .fullText("Full text of " + id + ": " + title + " — ünïcødé ✓")
                .sourceUrl("https://example.com/" + id)
                .parserVersion(3)
                .schemaVersion(1);
        if (ingestedAt != null) {
            builder.ingestedAt(ingestedAt);
        }
        return builder.build();
    }

    /** Writes {@code records} as one file under {@code key}, as another writer (or the older pipeline) would. */
    public static ObjectKey put(ObjectStore store, RecordCodec codec, ObjectKey key, List<PressRelease> records) {
        assertThat(store.createIfAbsent(key, codec.encode(records, FileRole.BATCH))
                        .isRight())
                .as("test set-up: create " + key)
                .isTrue();
        return key;
    }

    /** Writes {@code records} of one partition as one batch file through a fresh batch writer. */
    public static ObjectKey batch(ObjectStore store, RecordCodec codec, List<PressRelease> records) {
        try (BatchWriter writer =
                new BatchWriter(store, codec, new BatchWriterSettings(Math.max(1, records.size()) + 1), CLOCK)) {
            records.forEach(writer::add);
            writer.flush();
            assertThat(writer.writtenBatches()).hasSize(1);
            return writer.writtenBatches().get(0);
        }
    }

    /** A legacy one-row file, as the older pipeline left them. */
    public static ObjectKey legacy(ObjectStore store, RecordCodec codec, PressRelease record, String name) {
        return put(store, codec, record.partition().prefix().key(name), List.of(record));
    }
}
