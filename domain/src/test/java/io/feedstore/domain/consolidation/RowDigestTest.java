package io.feedstore.domain.consolidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.release.StoredRow;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

class RowDigestTest {

    /** A row with texts in several scripts, an empty text, absent columns and both versions. */
    private static StoredRow row(Long parserVersion) {
        byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
        strings[0] = utf8("gmail-19a3f–Ärlig");
        strings[1] = utf8("gmail");
        strings[2] = utf8("2025-02-03");
        strings[3] = utf8("“Nordea – Årsredovisning för Jyväskylä och Ærø” 北欧 🚀");
        strings[5] = new byte[0];
        strings[9] = utf8("Søren Kierkegaard Oy");
        return new StoredRow(strings, parserVersion, 3L);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The form as RowDigest's documentation and the migration records in the bucket define it, written out by hand. */
    private static byte[] documentedForm(StoredRow row) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int column = 0; column < StoredRow.STRING_COLUMNS; column++) {
            byte[] value = row.value(column);
            if (value == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.writeInt(value.length);
                out.write(value);
            }
        }
        for (Long version : new Long[] {row.parserVersion(), row.schemaVersion()}) {
            if (version == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.writeLong(version);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theStoredDigestIsSha256OfTheDocumentedFormCutTo128BitsSoMigrationRecordsKeepMatching()
            throws IOException, NoSuchAlgorithmException {
        for (Long parserVersion : new Long[] {null, 7L, -1L}) {
            StoredRow row = row(parserVersion);
            ByteBuffer sha =
                    ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(documentedForm(row)));

            assertThat(RowDigest.of(row)).isEqualTo(new RowDigest(sha.getLong(), sha.getLong()));
            assertThat(RowHash.SHA_256.of(row)).isEqualTo(RowDigest.of(row));
        }
    }
}
