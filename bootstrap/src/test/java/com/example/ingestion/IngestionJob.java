package com.example.ingestion;

import io.feedstore.application.BatchWriter;
import io.feedstore.bootstrap.Feedstore;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** An ingestion job using feedstore as a library: stores what it fetched, then reads the day back. */
public final class IngestionJob {

    public static void main(String[] args) {
        // gs://BUCKET[/PREFIX] in production, file:PATH on a laptop; every other setting comes from the
        // environment, as for the command line (FEEDSTORE_BATCH_SIZE, PROJECT_ID, STORAGE_EMULATOR_HOST, ...).
        URI store = URI.create(args.length > 0 ? args[0] : "file:./feedstore-data");
        LocalDate today = LocalDate.parse("2025-01-14");
        Source gmail = Source.of("gmail");

        try (Feedstore feedstore = Feedstore.open(store)) {
            // The writer buffers per partition and writes a batch file every FEEDSTORE_BATCH_SIZE records;
            // closing it writes the rest. A record that breaks a rule is refused by add(), with the reason.
            try (BatchWriter writer = feedstore.batchWriter()) {
                for (int i = 1; i <= 3; i++) {
                    writer.add(PressRelease.builder(PressReleaseId.of("gm-" + i), gmail, today)
                            .title("Press release " + i)
                            .companyName("Contoso")
                            .ingestedAt(Instant.now())
                            .build());
                }
            }
            // Each press release once, in its newest version, whether batched or consolidated.
            List<PressRelease> releases = feedstore.loader().load(today, today, Option.some(Set.of(gmail)));
            System.out.println(releases.size() + " press releases of " + today + " in " + feedstore.describe());
        }
    }
}
