package io.feedstore.adapters.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.store.SpillSpace;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFileSpillSpaceTest {

    @TempDir
    Path temp;

    @Test
    void aSpillFileReadsBackWhatWasWrittenAndLeavesNothingBehindOnceClosed() throws Exception {
        SpillSpace space = new TemporaryFileSpillSpace(temp);
        byte[] rows = "Åsa Lindqvist – “Jyväskylä” 北欧 🚢".getBytes(StandardCharsets.UTF_8);

        try (SpillSpace.SpillFile first = space.create();
                SpillSpace.SpillFile second = space.create()) {
            try (OutputStream out = first.output()) {
                out.write(rows);
            }
            try (InputStream in = first.input()) {
                assertThat(in.readAllBytes()).isEqualTo(rows);
            }
            try (InputStream in = second.input()) {
                assertThat(in.readAllBytes()).isEmpty();
            }
            assertThat(Files.list(temp)).hasSize(2);
        }

        assertThat(Files.list(temp)).isEmpty();
    }
}
