package io.feedstore.adapters.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.paging.Page;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.StorageException;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoreFailure;
import io.feedstore.gcsserver.Fault;
import io.feedstore.gcsserver.Operation;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Google client's own calls that the adapter does not make (resumable uploads, ranged reads, delimited
 * listings) work against the test server too, so the server is a faithful stand-in beyond today's adapter; and
 * the adapter's edge cases that need a raw client to set up.
 */
class GoogleClientOnTestServerTest {

    private GcsFixture fixture;
    private Storage client;

    @BeforeEach
    void start() {
        fixture = new GcsFixture(2);
        client = GcsObjectStores.client(fixture.settings());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fixture.close();
    }

    @Test
    void aResumableUploadInSeveralChunksSurvivesAnInterruptedChunkAndHonoursDoesNotExist() throws Exception {
        byte[] content = randomBytes(700 * 1024 + 13);
        BlobInfo info = BlobInfo.newBuilder(BlobId.of(GcsFixture.BUCKET, "resumable/big.bin"))
                .build();
        // One chunk's answer is lost after the server persisted it: the client must ask where to resume.
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.dropResponse());
        fixture.server.faults().next(Operation.UPLOAD, 1, Fault.unavailable());

        try (WriteChannel writer = client.writer(info, BlobWriteOption.doesNotExist())) {
            writer.setChunkSize(256 * 1024);
            writer.write(ByteBuffer.wrap(content));
        }

        assertThat(fixture.server.content(GcsFixture.BUCKET, "resumable/big.bin"))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(content));
        assertThat(fixture.server.stats().count(Operation.UPLOAD)).isGreaterThanOrEqualTo(4);
        assertThatThrownBy(() -> {
                    try (WriteChannel again = client.writer(info, BlobWriteOption.doesNotExist())) {
                        again.write(ByteBuffer.wrap(new byte[] {1}));
                    }
                })
                .hasStackTraceContaining("412");
    }

    @Test
    void aReadChannelReadsRangesAndTheWholeObject() throws Exception {
        byte[] content = randomBytes(300 * 1024);
        client.create(
                BlobInfo.newBuilder(BlobId.of(GcsFixture.BUCKET, "ranged.bin")).build(), content);

        try (ReadChannel reader = client.reader(BlobId.of(GcsFixture.BUCKET, "ranged.bin"))) {
            reader.seek(1000);
            reader.limit(5000);
            assertThat(readAll(reader)).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 5000));
        }
        try (ReadChannel reader = client.reader(BlobId.of(GcsFixture.BUCKET, "ranged.bin"))) {
            reader.setChunkSize(64 * 1024);
            assertThat(readAll(reader)).isEqualTo(content);
        }
    }

    @Test
    void aDelimitedListingAcrossPagesShowsEachObjectAndEachFolderOnce() {
        for (String name : List.of("d/a", "d/b/1", "d/b/2", "d/c", "d/e/f/g", "d/h", "dz")) {
            client.create(
                    BlobInfo.newBuilder(BlobId.of(GcsFixture.BUCKET, name)).build(), name.getBytes());
        }

        Page<Blob> page =
                client.list(GcsFixture.BUCKET, BlobListOption.prefix("d/"), BlobListOption.currentDirectory());
        List<String> names = new ArrayList<>();
        page.iterateAll().forEach(blob -> names.add(blob.getName() + (blob.isDirectory() ? " (folder)" : "")));

        assertThat(names).containsExactlyInAnyOrder("d/a", "d/b/ (folder)", "d/c", "d/e/ (folder)", "d/h");
    }

    @Test
    void objectsWhoseNamesAreNotKeysAreLeftOutOfListingsAndNothingElseIs() {
        URI uri = fixture.uniqueStoreUri();
        String root = uri.getPath().substring(1) + "/";
        GcsStore store = fixture.open(uri, fixture.settings());
        // What other tools leave behind: a console "folder" placeholder, a hidden file, an empty segment.
        for (String name : List.of(root + "p/", root + "p/.hidden", root + "p//x", root + "p/ok.bin", root + "q.bin")) {
            client.create(
                    BlobInfo.newBuilder(BlobId.of(GcsFixture.BUCKET, name)).build(), new byte[] {1});
        }

        List<ObjectInfo> listing = store.list(KeyPrefix.ROOT).get();

        assertThat(listing).extracting(info -> info.key().value()).containsExactly("p/ok.bin", "q.bin");
    }

    @Test
    void aBucketThatDoesNotExistIsAnIoFailureNotAMissingObject() {
        GcsStore store = fixture.open(URI.create("gs://no-such-bucket/x"), fixture.settings());

        assertThat(store.createIfAbsent(ObjectKey.of("a.bin"), new byte[] {1}).getLeft())
                .isInstanceOfSatisfying(
                        StoreFailure.IoFailure.class,
                        failure -> assertThat(failure.message()).contains("gs://no-such-bucket/x/a.bin", "404"));
        assertThat(store.list(KeyPrefix.ROOT).getLeft()).isInstanceOf(StoreFailure.IoFailure.class);
        assertThatThrownBy(() -> client.list("no-such-bucket").iterateAll().forEach(b -> {}))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void theStoreKeepsItsObjectsUnderItsPrefixAndDescribesItself() {
        GcsStore store = fixture.open(URI.create("gs://" + GcsFixture.BUCKET + "/tenant/a/"), fixture.settings());
        GcsStore sibling = fixture.open(URI.create("gs://" + GcsFixture.BUCKET + "/tenant/ab"), fixture.settings());

        store.createIfAbsent(ObjectKey.of("k.bin"), new byte[] {1}).get();
        sibling.createIfAbsent(ObjectKey.of("k.bin"), new byte[] {2}).get();

        assertThat(store.describe()).isEqualTo("gs://" + GcsFixture.BUCKET + "/tenant/a");
        assertThat(fixture.server.objectNames(GcsFixture.BUCKET)).containsExactly("tenant/a/k.bin", "tenant/ab/k.bin");
        assertThat(store.list(KeyPrefix.ROOT).get())
                .extracting(info -> info.key().value())
                .containsExactly("k.bin");
        assertThat(store.read(ObjectKey.of("k.bin")).get().content()).containsExactly(1);
    }

    private static byte[] readAll(ReadChannel reader) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (reader.read(buffer) >= 0) {
            buffer.flip();
            out.write(buffer.array(), 0, buffer.limit());
            buffer.clear();
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
