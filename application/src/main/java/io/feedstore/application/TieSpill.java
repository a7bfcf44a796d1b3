package io.feedstore.application;

import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.WireRecord;
import io.feedstore.domain.store.SpillSpace;
import io.vavr.control.Either;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Settles tied ids (several rows with the newest {@code ingested_at}) with bounded memory: candidate rows arrive in
 * any order, several per id; each goes, by the rank of its id, to one of a few buckets of consecutive ranks (a
 * bucket covers at most {@code bucketIds} ids); at the end each bucket is reduced to one row per id with
 * {@code merge} and handed out in id order. All in memory, reduced as rows arrive, when one bucket covers every id;
 * otherwise each bucket is a file of the {@link SpillSpace}, read back and reduced one at a time, so memory holds at
 * most one bucket's ids however many copies of a row there are. The spill files are the rows in a plain
 * length-prefixed form of their wire columns, removed on close.
 */
final class TieSpill implements Closeable {

    private final int[] rank;
    private final int bucketIds;
    private final BinaryOperator<PressRelease> merge;
    private final Map<PressReleaseId, PressRelease> inMemory;
    private final SpillSpace space;
    private final SpillSpace.SpillFile[] files;
    private final DataOutputStream[] buckets;

    TieSpill(int[] rank, int bucketIds, BinaryOperator<PressRelease> merge, SpillSpace space) {
        this.rank = rank;
        this.bucketIds = bucketIds;
        this.merge = merge;
        this.space = space;
        int count = (rank.length + bucketIds - 1) / bucketIds;
        if (count <= 1) {
            inMemory = new HashMap<>();
            files = null;
            buckets = null;
        } else {
            inMemory = null;
            files = new SpillSpace.SpillFile[count];
            buckets = new DataOutputStream[count];
        }
    }

    /** Takes a candidate row for the id that is the index entry {@code entry}. */
    void add(int entry, PressRelease row) throws IOException {
        if (inMemory != null) {
            inMemory.merge(row.id(), row, merge);
            return;
        }
        int bucket = rank[entry] / bucketIds;
        if (buckets[bucket] == null) {
            files[bucket] = space.create();
            OutputStream file = files[bucket].output();
            buckets[bucket] = new DataOutputStream(new BufferedOutputStream(file, 16 * 1024));
        }
        write(buckets[bucket], WireRecord.of(row));
    }

    /** Hands each id's settled row to {@code settled}, in id order. */
    void drainInto(RowConsumer settled) throws IOException {
        if (inMemory != null) {
            handOut(inMemory, settled);
            return;
        }
        for (int bucket = 0; bucket < buckets.length; bucket++) {
            if (buckets[bucket] == null) {
                continue;
            }
            buckets[bucket].close();
            buckets[bucket] = null;
            Map<PressReleaseId, PressRelease> rows = new HashMap<>();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(files[bucket].input(), 64 * 1024))) {
                while (true) {
                    WireRecord wire = read(in);
                    if (wire == null) {
                        break;
                    }
                    Either<InvalidPressRelease, PressRelease> row = wire.toPressRelease();
                    if (row.isLeft()) {
                        throw new IOException("spilled row no longer decodes: "
                                + row.getLeft().getMessage());
                    }
                    rows.merge(row.get().id(), row.get(), merge);
                }
            }
            files[bucket].close();
            files[bucket] = null;
            handOut(rows, settled);
        }
    }

    /** What takes the settled rows. */
    interface RowConsumer {
        void accept(PressRelease row) throws IOException;
    }

    private static void handOut(Map<PressReleaseId, PressRelease> rows, RowConsumer settled) throws IOException {
        List<PressRelease> sorted = new ArrayList<>(rows.values());
        rows.clear();
        sorted.sort(Comparator.comparing(PressRelease::id));
        for (PressRelease row : sorted) {
            settled.accept(row);
        }
    }

    @Override
    public void close() throws IOException {
        if (files == null) {
            return;
        }
        for (DataOutputStream bucket : buckets) {
            if (bucket != null) {
                try {
                    bucket.close();
                } catch (IOException ignored) {
                    // removed below anyway
                }
            }
        }
        IOException failed = null;
        for (SpillSpace.SpillFile file : files) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    failed = e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static void write(DataOutputStream out, WireRecord r) throws IOException {
        text(out, r.pressReleaseId());
        text(out, r.companyName());
        text(out, r.category());
        text(out, r.releaseDate());
        text(out, r.releaseTsUtc());
        text(out, r.ingestedAt());
        text(out, r.title());
        text(out, r.fullText());
        text(out, r.source());
        text(out, r.sourceUrl());
        number(out, r.parserVersion());
        number(out, r.schemaVersion());
    }

    /** The next row, or null at the end of the file. */
    private static WireRecord read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        String id = text(in, first);
        return new WireRecord(
                id,
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                text(in, in.read()),
                number(in),
                number(in));
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in, int marker) throws IOException {
        if (marker == 0) {
            return null;
        }
        if (marker != 1) {
            throw new IOException("spill file is damaged (marker " + marker + ")");
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void number(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long number(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
