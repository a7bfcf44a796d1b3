package io.feedstore.application;

import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.codec.RecordSink;
import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.partition.BatchName;
import io.feedstore.domain.partition.FlatFolder;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.SpillSpace;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The backfill's first step for one date: reads each flat file (several at once, rows handed on in file order) and
 * streams its rows into one spilled copy per partition, one file's rows at a time, keeping only each row's key and
 * digest; then publishes
 * each copy as a create-only batch file whose name is fixed by the set of flat files copied.
 */
final class FlatCopies implements AutoCloseable {

    /** A row as the verification needs it: where it went, its id, its content digest and what orders versions. */
    record RowKey(
            Partition partition, PressReleaseId id, RowDigest digest, long ingestedAtKey, Integer parserVersion) {}

    /** One flat file as read: its outcome, its placed rows' keys, and the rows left behind. */
    record FileRead(
            ObjectInfo file, FlatFileRows.Outcome outcome, List<RowKey> rows, long unplaceable, long otherSources) {

        /** The partition that received most of its rows. */
        Option<Partition> mainPartition() {
            Map<Partition, Long> counts = new TreeMap<>();
            rows.forEach(r -> counts.merge(r.partition(), 1L, Long::sum));
            return Option.ofOptional(
                    counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey));
        }

        String describeUnplaceable() {
            return outcome instanceof FlatFileRows.Read read
                    ? read.describeUnplaceable(file.key())
                    : file.key().value() + " could not be read";
        }
    }

    private final ObjectStore store;
    private final RecordCodec codec;
    private final SpillSpace spill;
    private final boolean write;
    private final Map<Partition, Copy> copies = new TreeMap<>();
    private final Map<Partition, Long> bytesWritten = new HashMap<>();
    private final Set<Partition> touched = new TreeSet<>();

    FlatCopies(ObjectStore store, RecordCodec codec, SpillSpace spill, boolean write) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.spill = Objects.requireNonNull(spill, "spill");
        this.write = write;
    }

    /**
     * Reads the files in order, copying the rows of wanted sources; stops at the first file that cannot be read
     * (the caller then changes nothing of the date).
     */
    List<FileRead> read(
            FlatFolder folder,
            List<ObjectInfo> files,
            Predicate<Source> wanted,
            Workers workers,
            BackfillHistory.Progress progress) {
        List<List<RowKey>> rows = new ArrayList<>();
        long[] other = new long[files.size()];
        files.forEach(f -> rows.add(new ArrayList<>()));
        List<FileRead> read = new ArrayList<>();
        // One file's rows, held until it is known whether the file is copied at all.
        List<PressRelease> pending = new ArrayList<>();
        workers.pipeline()
                .<PressRelease, FlatFileRows.Outcome>run(
                        files.size(),
                        (input, emit) -> {
                            ObjectInfo file = files.get(input);
                            return FlatFileRows.read(
                                    codec,
                                    folder,
                                    store.open(file.key(), BackfillHistory.at(file)),
                                    store.describe(),
                                    emit);
                        },
                        new InOrderPipeline.Receiver<>() {
                            @Override
                            public void item(int input, PressRelease row) {
                                if (!wanted.test(row.source())) {
                                    other[input]++;
                                    return;
                                }
                                pending.add(row);
                                rows.get(input)
                                        .add(new RowKey(
                                                row.partition(),
                                                row.id(),
                                                RowDigest.of(row),
                                                row.ingestedAtKey(),
                                                row.parserVersion().getOrNull()));
                            }

                            @Override
                            public boolean done(int input, FlatFileRows.Outcome outcome) {
                                ObjectInfo file = files.get(input);
                                long unplaceable = outcome instanceof FlatFileRows.Read r ? r.unplaceable() : 0;
                                // A file that will be kept whatever happens (rows that cannot be placed, or of
                                // sources not asked for) is not copied: load reads it where it is, and a re-run
                                // must not copy its rows again.
                                if (outcome instanceof FlatFileRows.Read && unplaceable == 0 && other[input] == 0) {
                                    for (PressRelease row : pending) {
                                        touched.add(row.partition());
                                        if (write) {
                                            copy(row.partition()).write(row);
                                        }
                                    }
                                }
                                pending.clear();
                                read.add(new FileRead(
                                        file, outcome, List.copyOf(rows.get(input)), unplaceable, other[input]));
                                rows.set(input, List.of());
                                progress.fileRead(file.size());
                                return !(outcome instanceof FlatFileRows.Unreadable);
                            }
                        });
        return read;
    }

    /** The partitions that received rows. */
    Set<Partition> partitions() {
        return Set.copyOf(touched);
    }

    Map<Partition, Long> bytesWritten() {
        return Map.copyOf(bytesWritten);
    }

    /**
     * Publishes each partition's copy under the name the set of {@code files} fixes. A copy that already exists
     * was written by an earlier run over the same files, with the same rows: it stands.
     */
    Either<String, Map<Partition, Long>> publish(LocalDate date, List<ObjectInfo> files) {
        BatchName name = copyName(date, files);
        for (Map.Entry<Partition, Copy> entry : copies.entrySet()) {
            Copy copy = entry.getValue();
            try {
                copy.finish();
            } catch (IOException e) {
                return Either.left("could not spill the copy for " + entry.getKey() + ": " + e.getMessage());
            }
            ObjectKey key = entry.getKey().batchKey(name);
            Either<StoreFailure, Generation> written = store.write(key, WriteCondition.ifAbsent(), out -> {
                try (InputStream in = copy.file.input()) {
                    in.transferTo(out);
                }
            });
            if (written.isLeft() && !(written.getLeft() instanceof StoreFailure.PreconditionFailed)) {
                return Either.left("could not write the copy " + key.value() + ": "
                        + written.getLeft().message());
            }
            bytesWritten.put(entry.getKey(), written.isRight() ? copy.bytes() : 0L);
        }
        return Either.right(Map.copyOf(bytesWritten));
    }

    /** {@code batch_0000_{date}_000000_bf{hash}.parquet}, the hash of the files' keys and generations. */
    static BatchName copyName(LocalDate date, List<ObjectInfo> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        files.stream()
                .sorted(Comparator.comparing(f -> f.key().value()))
                .forEach(f -> sha.update(
                        (f.key().value() + "\n" + f.generation().token() + "\n").getBytes(StandardCharsets.UTF_8)));
        String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 30);
        return new BatchName(0, date.atStartOfDay(), "bf" + hash);
    }

    private Copy copy(Partition partition) {
        return copies.computeIfAbsent(partition, p -> {
            try {
                return new Copy(spill.create());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create spill space for the copy of " + p, e);
            }
        });
    }

    @Override
    public void close() {
        for (Copy copy : copies.values()) {
            if (copy != null) {
                copy.discard();
            }
        }
    }

    /** One partition's copy: rows encoded as a batch into a spill file as they come. */
    private final class Copy {
        private final SpillSpace.SpillFile file;
        private final Counting out;
        private final RecordSink sink;
        private boolean finished;

        Copy(SpillSpace.SpillFile file) {
            this.file = file;
            try {
                this.out = new Counting(file.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.sink = codec.encoder(FileRole.BATCH, out);
        }

        void write(PressRelease row) {
            try {
                sink.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException("could not spill a copied row: " + e.getMessage(), e);
            }
        }

        void finish() throws IOException {
            if (!finished) {
                finished = true;
                sink.close();
                out.close();
            }
        }

        long bytes() {
            return out.count;
        }

        void discard() {
            try {
                if (!finished) {
                    finished = true;
                    out.close();
                }
            } catch (IOException e) {
                // The spill file is removed below whatever its stream did.
            }
            try {
                file.close();
            } catch (IOException e) {
                // Temporary space: nothing of the store depends on it.
            }
        }
    }

    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
