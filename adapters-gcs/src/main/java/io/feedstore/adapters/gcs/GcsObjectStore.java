package io.feedstore.adapters.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.StorageException;
import io.feedstore.domain.store.ContentWriter;
import io.feedstore.domain.store.Done;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectAttributes;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectDetails;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.ReadCondition;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.domain.store.StoreFailure.IoFailure;
import io.feedstore.domain.store.StoreFailure.NotFound;
import io.feedstore.domain.store.StoreFailure.PreconditionFailed;
import io.feedstore.domain.store.StoredObject;
import io.feedstore.domain.store.WriteCondition;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The object-store port on Cloud Storage. Generations are GCS generation numbers; create-if-absent is the
 * {@code ifGenerationMatch=0} precondition, replace and delete are {@code ifGenerationMatch=g}; HTTP 412 is the
 * port's precondition failure and 404 its not-found. Every other failure is an I/O failure naming the object.
 */
final class GcsObjectStore implements GcsStore {

    /**
     * Custom metadata written with every object: a random id per write call. It tells our own earlier attempt
     * of a retried conditional write apart from anybody else's object (see {@link #afterPreconditionFailed}).
     */
    static final String WRITE_ID = "feedstore-write-id";

    /** Bytes exactly as stored: a gzip-encoded object is not gunzipped by the client on the way. */
    private static final BlobSourceOption AS_STORED = BlobSourceOption.shouldReturnRawInputStream(true);

    /** Reads that keep meeting a newer generation between metadata and bytes give up after this many tries. */
    private static final int READ_ATTEMPTS = 5;
    /** Objects up to this size, at a listed generation, are read whole in one request. */
    static final long WHOLE_READ_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(GcsObjectStore.class.getName());

    private final Storage storage;
    private final GcsLocation location;
    private final Semaphore inFlight;
    private final ExecutorService bulk;
    private final UploadStaging uploadStaging;

    GcsObjectStore(Storage storage, GcsLocation location, int maxConcurrentRequests) {
        this(storage, location, maxConcurrentRequests, Path.of(System.getProperty("java.io.tmpdir")));
    }

    GcsObjectStore(Storage storage, GcsLocation location, int maxConcurrentRequests, Path stagingFolder) {
        this.uploadStaging = new UploadStaging(stagingFolder);
        this.storage = storage;
        this.location = location;
        this.inFlight = new Semaphore(maxConcurrentRequests, true);
        AtomicInteger threads = new AtomicInteger();
        this.bulk = Executors.newFixedThreadPool(maxConcurrentRequests, r -> {
            Thread t = new Thread(r, "feedstore-gcs-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long abandonedTemporariesRemoved() {
        return uploadStaging.removed();
    }

    @Override
    public Either<StoreFailure, List<ObjectInfo>> list(KeyPrefix prefix) {
        String namePrefix = location.objectName(prefix);
        List<ObjectInfo> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            BlobListOption[] options = namePrefix.isEmpty()
                    ? new BlobListOption[0]
                    : new BlobListOption[] {BlobListOption.prefix(namePrefix)};
            // Page by page, each a request of its own, so the in-flight bound holds for long listings too.
            Page<Blob> page = call(() -> storage.list(location.bucket(), options));
            while (true) {
                for (Blob blob : page.getValues()) {
                    String key = blob.getName().substring(location.prefix().length());
                    try {
                        found.add(new ObjectInfo(
                                ObjectKey.of(key),
                                Generation.of(blob.getGeneration()),
                                blob.getSize() == null ? 0 : blob.getSize()));
                    } catch (IllegalArgumentException notAKey) {
                        skipped.add(blob.getName());
                    }
                }
                if (!page.hasNextPage()) {
                    break;
                }
                Page<Blob> current = page;
                page = call(current::getNextPage);
            }
        } catch (RuntimeException e) {
            return Either.left(ioFailure(namePrefix, "listing failed", e));
        }
        if (!skipped.isEmpty()) {
            // Objects written by other tools ("folder" placeholders ending in '/', hidden names) are not keys.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "ignored {0} object(s) under {1} whose names are not valid keys, " + "e.g. {2}",
                    skipped.size(),
                    location.target(namePrefix),
                    skipped.get(0));
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return Either.right(List.copyOf(found));
    }

    /**
     * Two requests: the metadata gives the live generation, then exactly that generation's bytes are read, so the
     * content and the generation always belong together. If the object is replaced in between, the old
     * generation is gone (404) and the read starts over; if it was deleted, the metadata says so.
     */
    @Override
    public Either<StoreFailure, StoredObject> read(ObjectKey key) {
        String name = location.objectName(key);
        try {
            for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
                Blob live = call(() -> storage.get(BlobId.of(location.bucket(), name)));
                if (live == null) {
                    return Either.left(new NotFound(key));
                }
                long generation = live.getGeneration();
                try {
                    byte[] content =
                            call(() -> storage.readAllBytes(BlobId.of(location.bucket(), name, generation), AS_STORED));
                    return Either.right(new StoredObject(key, Generation.of(generation), content));
                } catch (StorageException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
            }
            return Either.left(new IoFailure(
                    location.target(name),
                    "the object changed during each of " + READ_ATTEMPTS + " attempts to read it",
                    Option.none()));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "read failed", e));
        }
    }

    /**
     * One metadata request gives the live generation and size; the content then reads ranges of exactly that
     * generation ({@code generation=} on every media request), so it can never mix in a newer object's bytes. If
     * the generation is replaced or deleted meanwhile, a read fails with an {@link IOException} (404).
     */
    @Override
    public Either<StoreFailure, ObjectContent> open(ObjectKey key, ReadCondition condition) {
        if (condition instanceof ReadCondition.Listed listed && listed.listed().size() <= WHOLE_READ_LIMIT) {
            Option<Long> generation = gcsGeneration(listed.listed().generation());
            if (generation.isDefined()) {
                return openWhole(key, generation.get(), condition);
            }
        }
        return openLatest(key).flatMap(condition::admit);
    }

    /**
     * A small object at a listed generation: one request for exactly that generation's bytes, held in memory
     * (instead of a metadata request and a ranged read for each part the codec asks for). When that generation
     * is gone, the metadata says whether the object was deleted or replaced.
     */
    private Either<StoreFailure, ObjectContent> openWhole(ObjectKey key, long generation, ReadCondition condition) {
        String name = location.objectName(key);
        try {
            byte[] content =
                    call(() -> storage.readAllBytes(BlobId.of(location.bucket(), name, generation), AS_STORED));
            return Either.right(ObjectContent.of(new StoredObject(key, Generation.of(generation), content)));
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                return openLatest(key).flatMap(condition::admit);
            }
            return Either.left(ioFailure(name, "read failed", e));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "read failed", e));
        }
    }

    private Either<StoreFailure, ObjectContent> openLatest(ObjectKey key) {
        String name = location.objectName(key);
        try {
            Blob live = call(() -> storage.get(BlobId.of(location.bucket(), name)));
            if (live == null) {
                return Either.left(new NotFound(key));
            }
            return Either.right(new RangedContent(key, name, live.getGeneration(), live.getSize()));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "open failed", e));
        }
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, ObjectContent>> openAll(Collection<ObjectKey> keys) {
        return inBulk(new ArrayList<>(new LinkedHashSet<>(keys)), this::openLatest);
    }

    /** The content is staged in a local temporary file, then sent as a resumable upload under the same condition. */
    @Override
    public Either<StoreFailure, Generation> write(ObjectKey key, WriteCondition condition, ContentWriter writer) {
        if (condition instanceof WriteCondition.IfGeneration ifGeneration) {
            return replaceStaged(key, ifGeneration.expected(), writer);
        }
        return writeStaged(
                key,
                ObjectAttributes.of(contentType(key)),
                writer,
                BlobWriteOption.doesNotExist(),
                "an object with this key already exists");
    }

    /**
     * Staged like {@link #write}, then sent as a resumable upload with {@code ifGenerationMatch=0} and the
     * attributes as {@link #createIfAbsent(ObjectKey, ObjectAttributes, byte[])} sets them.
     */
    @Override
    public Either<StoreFailure, Generation> createIfAbsent(
            ObjectKey key, ObjectAttributes attributes, ContentWriter writer) {
        Objects.requireNonNull(attributes, "attributes");
        return writeStaged(
                key, attributes, writer, BlobWriteOption.doesNotExist(), "an object with this key already exists");
    }

    private Either<StoreFailure, Generation> replaceStaged(ObjectKey key, Generation expected, ContentWriter writer) {
        Option<Long> generation = gcsGeneration(expected);
        if (generation.isEmpty()) {
            return Either.left(new PreconditionFailed(key, "'" + expected + "' is not a GCS generation"));
        }
        return writeStaged(
                key,
                ObjectAttributes.of(contentType(key)),
                writer,
                BlobWriteOption.generationMatch(generation.get()),
                "the object no longer has generation " + expected + " (changed or deleted)");
    }

    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, byte[] content) {
        return write(key, content, BlobTargetOption.doesNotExist(), "an object with this key already exists");
    }

    /**
     * The attributes become the object's content type, content encoding, {@code Cache-Control: no-transform} and
     * custom metadata; the bytes are sent as given (already gzip for a gzip encoding, never compressed again).
     */
    @Override
    public Either<StoreFailure, Generation> createIfAbsent(ObjectKey key, ObjectAttributes attributes, byte[] content) {
        return write(
                key, attributes, content, BlobTargetOption.doesNotExist(), "an object with this key already exists");
    }

    @Override
    public Either<StoreFailure, ObjectDetails> details(ObjectKey key) {
        String name = location.objectName(key);
        try {
            Blob live = call(() -> storage.get(BlobId.of(location.bucket(), name)));
            if (live == null) {
                return Either.left(new NotFound(key));
            }
            Map<String, String> metadata = new TreeMap<>(live.getMetadata() == null ? Map.of() : live.getMetadata());
            metadata.remove(WRITE_ID);
            boolean noTransform = live.getCacheControl() != null
                    && live.getCacheControl().toLowerCase(java.util.Locale.ROOT).contains("no-transform");
            ObjectAttributes attributes = new ObjectAttributes(
                    live.getContentType() == null ? ObjectAttributes.NONE.contentType() : live.getContentType(),
                    Option.of(live.getContentEncoding()),
                    noTransform,
                    metadata);
            Long created = live.getCreateTime();
            return Either.right(new ObjectDetails(
                    new ObjectInfo(key, Generation.of(live.getGeneration()), live.getSize()),
                    created == null ? Instant.EPOCH : Instant.ofEpochMilli(created),
                    attributes));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "reading the object's details failed", e));
        }
    }

    @Override
    public Either<StoreFailure, Generation> replaceIfUnchanged(ObjectKey key, Generation expected, byte[] content) {
        Option<Long> generation = gcsGeneration(expected);
        if (generation.isEmpty()) {
            return Either.left(new PreconditionFailed(key, "'" + expected + "' is not a GCS generation"));
        }
        return write(
                key,
                content,
                BlobTargetOption.generationMatch(generation.get()),
                "the object no longer has generation " + expected + " (changed or deleted)");
    }

    /**
     * A retried delete whose first attempt landed (answer lost) meets no object and reports not-found: GCS keeps
     * no trace to tell it from somebody else's delete. Either way the generation the caller meant is gone.
     */
    @Override
    public Either<StoreFailure, Done> deleteIfUnchanged(ObjectKey key, Generation expected) {
        Option<Long> generation = gcsGeneration(expected);
        if (generation.isEmpty()) {
            return Either.left(new PreconditionFailed(key, "'" + expected + "' is not a GCS generation"));
        }
        String name = location.objectName(key);
        try {
            boolean deleted = call(() -> storage.delete(
                    BlobId.of(location.bucket(), name), BlobSourceOption.generationMatch(generation.get())));
            return deleted ? Either.right(Done.DONE) : Either.left(new NotFound(key));
        } catch (StorageException e) {
            if (e.getCode() == 412) {
                return Either.left(new PreconditionFailed(key, "the object no longer has generation " + expected));
            }
            if (e.getCode() == 404) {
                return Either.left(new NotFound(key));
            }
            return Either.left(ioFailure(name, "delete failed", e));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "delete failed", e));
        }
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, StoredObject>> readAll(Collection<ObjectKey> keys) {
        return inBulk(new ArrayList<>(new LinkedHashSet<>(keys)), this::read);
    }

    @Override
    public Map<ObjectKey, Either<StoreFailure, Done>> deleteAllIfUnchanged(Map<ObjectKey, Generation> expected) {
        Map<ObjectKey, Generation> copy = new LinkedHashMap<>(expected);
        return inBulk(new ArrayList<>(copy.keySet()), key -> deleteIfUnchanged(key, copy.get(key)));
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void close() {
        bulk.shutdownNow();
        try {
            storage.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the GCS client failed", e);
        }
    }

    @Override
    public String toString() {
        return "GcsStore[" + describe() + "]";
    }

    private Either<StoreFailure, Generation> write(
            ObjectKey key, byte[] content, BlobTargetOption condition, String whenConditionFails) {
        return write(key, ObjectAttributes.of(contentType(key)), content, condition, whenConditionFails);
    }

    private Either<StoreFailure, Generation> write(
            ObjectKey key,
            ObjectAttributes attributes,
            byte[] content,
            BlobTargetOption condition,
            String whenConditionFails) {
        String name = location.objectName(key);
        String writeId = UUID.randomUUID().toString();
        BlobInfo info = blobInfo(name, attributes, writeId);
        try {
            // disableGzipContent: Parquet is compressed already; gzip over it costs CPU for nothing.
            Blob written = call(() -> storage.create(info, content, condition, BlobTargetOption.disableGzipContent()));
            return Either.right(Generation.of(written.getGeneration()));
        } catch (StorageException e) {
            if (e.getCode() == 412) {
                return afterPreconditionFailed(key, name, writeId, whenConditionFails);
            }
            return Either.left(ioFailure(name, "write failed", e));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(name, "write failed", e));
        }
    }

    private BlobInfo blobInfo(String name, ObjectAttributes attributes, String writeId) {
        Map<String, String> metadata = new TreeMap<>(attributes.metadata());
        metadata.put(WRITE_ID, writeId);
        BlobInfo.Builder builder = BlobInfo.newBuilder(BlobId.of(location.bucket(), name))
                .setContentType(attributes.contentType())
                .setMetadata(metadata);
        attributes.contentEncoding().forEach(builder::setContentEncoding);
        if (attributes.noTransform()) {
            builder.setCacheControl("no-transform");
        }
        return builder.build();
    }

    private Either<StoreFailure, Generation> writeStaged(
            ObjectKey key,
            ObjectAttributes attributes,
            ContentWriter writer,
            BlobWriteOption condition,
            String whenConditionFails) {
        String name = location.objectName(key);
        Path staging;
        try {
            staging = uploadStaging.create();
        } catch (IOException e) {
            return Either.left(ioFailure(name, "could not stage the content in a temporary file", e));
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging), 256 * 1024)) {
                writer.writeTo(out);
            } catch (IOException e) {
                return Either.left(ioFailure(name, "producing the content failed; nothing was sent", e));
            }
            String writeId = UUID.randomUUID().toString();
            BlobInfo info = blobInfo(name, attributes, writeId);
            try {
                Blob written = call(() -> {
                    try {
                        return storage.createFrom(info, staging, condition, BlobWriteOption.disableGzipContent());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return Either.right(Generation.of(written.getGeneration()));
            } catch (StorageException e) {
                if (e.getCode() == 412) {
                    return afterPreconditionFailed(key, name, writeId, whenConditionFails);
                }
                return Either.left(ioFailure(name, "write failed", e));
            } catch (RuntimeException e) {
                return Either.left(ioFailure(name, "write failed", e));
            }
        } finally {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the staging file " + staging, e);
            }
        }
    }

    /** One generation of an object, read a range at a time. */
    private final class RangedContent implements ObjectContent {
        private final ObjectKey key;
        private final String name;
        private final long generation;
        private final long size;

        RangedContent(ObjectKey key, String name, long generation, long size) {
            this.key = key;
            this.name = name;
            this.generation = generation;
            this.size = size;
        }

        @Override
        public ObjectKey key() {
            return key;
        }

        @Override
        public Generation generation() {
            return Generation.of(generation);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void readFully(long position, byte[] target, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, target.length);
            if (position < 0 || position + length > size) {
                throw new EOFException(
                        "cannot read " + length + " bytes at " + position + " of " + key + " (" + size + " bytes)");
            }
            if (length == 0) {
                return;
            }
            try {
                call(() -> {
                    try (ReadChannel opened =
                            storage.reader(BlobId.of(location.bucket(), name, generation), AS_STORED)) {
                        opened.seek(position);
                        // One request for exactly this range, whatever the channel's chunk size.
                        ReadChannel reader = opened.limit(position + length);
                        ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
                        while (buffer.hasRemaining()) {
                            if (reader.read(buffer) < 0) {
                                throw new UncheckedIOException(new EOFException(key + " generation " + generation
                                        + " ended before its size of " + size + " bytes"));
                            }
                        }
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException(
                        location.target(name) + " generation " + generation + ": ranged read failed: " + detail(e), e);
            }
        }
    }

    /**
     * A 412 does not always mean somebody else won. The client retries a conditional write when its answer is
     * lost (a dropped connection, a timeout); if the lost attempt had in fact landed, the retry meets our own
     * object and GCS answers 412. Reporting that as a lost race would make the caller think its data is not
     * stored (and a consolidation would report a conflict for its own write). So look at the live object: if it
     * carries this call's write id, the write is ours and succeeded, at that generation. Any other object, or
     * none, is a real precondition failure. If the look-up itself fails, the outcome is unknown: an I/O failure,
     * never a success.
     */
    private Either<StoreFailure, Generation> afterPreconditionFailed(
            ObjectKey key, String name, String writeId, String whenConditionFails) {
        try {
            Blob live = call(() -> storage.get(BlobId.of(location.bucket(), name)));
            if (live != null
                    && live.getMetadata() != null
                    && writeId.equals(live.getMetadata().get(WRITE_ID))) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: precondition failed on a retry of a write that had " + "landed; the object is ours",
                        location.target(name));
                return Either.right(Generation.of(live.getGeneration()));
            }
            return Either.left(new PreconditionFailed(key, whenConditionFails));
        } catch (RuntimeException e) {
            return Either.left(ioFailure(
                    name,
                    "precondition failed, and checking whether an earlier attempt of "
                            + "this write had landed failed too",
                    e));
        }
    }

    private <T> Map<ObjectKey, Either<StoreFailure, T>> inBulk(
            List<ObjectKey> keys, Function<ObjectKey, Either<StoreFailure, T>> call) {
        List<Future<Either<StoreFailure, T>>> futures = new ArrayList<>(keys.size());
        for (ObjectKey key : keys) {
            futures.add(bulk.submit(() -> call.apply(key)));
        }
        Map<ObjectKey, Either<StoreFailure, T>> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            ObjectKey key = keys.get(i);
            try {
                outcomes.put(key, futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                outcomes.put(
                        key,
                        Either.left(
                                new IoFailure(location.target(location.objectName(key)), "interrupted", Option.of(e))));
            } catch (ExecutionException e) {
                outcomes.put(key, Either.left(ioFailure(location.objectName(key), "failed", e.getCause())));
            } catch (java.util.concurrent.CancellationException e) {
                outcomes.put(
                        key,
                        Either.left(
                                new IoFailure(location.target(location.objectName(key)), "cancelled", Option.of(e))));
            }
        }
        return outcomes;
    }

    /** One client call (its retries included) holds one of the in-flight permits. */
    private <T> T call(Supplier<T> rpc) {
        inFlight.acquireUninterruptibly();
        try {
            return rpc.get();
        } finally {
            inFlight.release();
        }
    }

    private IoFailure ioFailure(String name, String what, Throwable e) {
        return new IoFailure(location.target(name), what + ": " + detail(e), Option.of(e));
    }

    /** The HTTP status and message when there is one, else the root cause ("Connection refused"). */
    private static String detail(Throwable e) {
        if (e instanceof BaseServiceException service && service.getCode() > 0) {
            return "HTTP " + service.getCode() + (service.getReason() == null ? "" : " " + service.getReason()) + ": "
                    + service.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + " (" + message + ")";
    }

    private static Option<Long> gcsGeneration(Generation generation) {
        try {
            long value = Long.parseLong(generation.token());
            return value > 0 ? Option.of(value) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    private static String contentType(ObjectKey key) {
        String name = key.name();
        if (name.endsWith(".parquet")) {
            return "application/vnd.apache.parquet";
        }
        if (name.endsWith(".jsonl")) {
            return "application/jsonl";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
