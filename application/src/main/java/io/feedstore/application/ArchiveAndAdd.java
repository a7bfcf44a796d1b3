package io.feedstore.application;

import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.PageEntry;
import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.store.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Use case for ingestion jobs: archive a raw item in bronze, then add its press release through a
 * {@link BatchWriter}, in one call and in that order, with the item's archive time as {@code ingested_at}. Calling
 * it again for the same item is safe: the archive is kept as first written, and the row is the same row.
 * {@link #close()} writes what the batch writer still buffers.
 */
public final class ArchiveAndAdd implements AutoCloseable {

    private final ArchiveRawItems archive;
    private final BatchWriter writer;

    public ArchiveAndAdd(ArchiveRawItems archive, BatchWriter writer) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Archives an email and adds its press release.
     *
     * @throws ArchiveException when the store failed; nothing was added, and calling again is safe
     */
    public Archived email(RawItem item, byte[] rfc822, EmailMeta meta, PressRelease release) {
        requireSameId(item, release);
        return add(archive.email(item, rfc822, meta), release);
    }

    /**
     * Archives a page (the HTML is gzipped here) and adds its press release.
     *
     * @throws ArchiveException when the store failed; nothing was added, and calling again is safe
     */
    public Archived page(RawItem item, byte[] html, PageEntry entry, Option<String> finalUrl, PressRelease release) {
        requireSameId(item, release);
        return add(archive.page(item, html, entry, finalUrl), release);
    }

    private Archived add(Either<StoreFailure, Archived> archived, PressRelease release) {
        if (archived.isLeft()) {
            throw new ArchiveException(
                    "archiving " + release.id() + " failed: "
                            + archived.getLeft().message(),
                    archived.getLeft());
        }
        writer.add(release.withIngestedAt(archived.get().archivedAt()));
        return archived.get();
    }

    private static void requireSameId(RawItem item, PressRelease release) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(release, "release");
        if (!release.id().value().equals(item.id().value()) || !release.source().equals(item.source())) {
            throw new IllegalArgumentException("press release " + release.source() + "/" + release.id()
                    + " is not the item " + item.source() + "/" + item.id());
        }
    }

    /** Writes every press release still buffered. */
    @Override
    public void close() {
        writer.close();
    }
}
