package io.feedstore.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectContent;
import io.feedstore.domain.store.ObjectKey;
import io.feedstore.domain.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading an opened object as a stream gives its bytes exactly, whatever the sizes, and keeps a store's failure. */
class ObjectContentStreamTest {

    private static final ObjectKey KEY =
            ObjectKey.of("bronze_raw/source=gmail/dt=2025-02-03/msgId=18e0b733fdba1737/message.eml");

    @Test
    void theStreamGivesExactlyTheObjectsBytesWhateverItsSizeAndTheReadersPieces() {
        qt().withExamples(60)
                .forAll(integers().between(0, 700_000), integers().between(1, 70_000))
                .checkAssert((size, piece) -> {
                    byte[] bytes = new byte[size];
                    new Random(size).nextBytes(bytes);
                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    try (ObjectContentStream in =
                            new ObjectContentStream(ObjectContent.of(new StoredObject(KEY, Generation.of(1), bytes)))) {
                        byte[] buffer = new byte[piece];
                        int n;
                        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                            read.write(buffer, 0, n);
                        }
                        assertThat(in.read()).isEqualTo(-1);
                        assertThat(in.failure()).isEmpty();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(read.toByteArray()).isEqualTo(bytes);
                });
    }

    @Test
    void aRangeTheStoreCannotReadFailsTheStreamAndIsKeptAsTheFailure() throws IOException {
        ObjectContent failing = new ObjectContent() {
            @Override
            public ObjectKey key() {
                return KEY;
            }

            @Override
            public Generation generation() {
                return Generation.of(1);
            }

            @Override
            public long size() {
                return 1_000;
            }

            @Override
            public void readFully(long position, byte[] target, int offset, int length) throws IOException {
                throw new IOException("GCS answered 503 – “backend error”");
            }
        };
        ObjectContentStream in = new ObjectContentStream(failing);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        assertThat(in.failure()).isNotEmpty();
        in.close();
    }
}
