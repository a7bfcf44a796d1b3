package io.feedstore.testkit;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.codec.FileRole;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A test double of the record-codec port, NOT Parquet: it serialises the twelve wire columns in a trivial
 * length-prefixed binary form, ignoring the file role. It lets use-case tests run fast and without the
 * Parquet adapter; it round-trips every valid record exactly and rejects bytes it did not write, which is all
 * the use cases rely on. Tests that must prove the real format use the Parquet codec.
 */
public final class SerializingTestCodec implements RecordCodec {

    private static final byte[] MAGIC = "FSTESTC1".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] encode(List<PressRelease> records, FileRole role) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(role, "role");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(records.size());
            for (PressRelease record : records) {
                WireRecord wire = WireRecord.of(record);
                for (var getter : WireRecord.columnGetters()) {
                    Object value = getter.apply(wire);
                    if (value == null) {
                        out.writeByte(0);
                    } else if (value instanceof String text) {
                        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                        out.writeByte(1);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    } else {
                        out.writeByte(2);
                        out.writeLong((Long) value);
                    }
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Either<DecodeFailure, List<PressRelease>> decode(byte[] file) {
        Objects.requireNonNull(file, "file");
        if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            return Either.left(new DecodeFailure("not a file of the serializing test codec (bad magic)"));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
            in.skipNBytes(MAGIC.length);
            int count = in.readInt();
            if (count < 0) {
                return Either.left(new DecodeFailure("negative row count " + count));
            }
            List<PressRelease> records = new ArrayList<>();
            for (int row = 0; row < count; row++) {
                Object[] v = new Object[WireRecord.COLUMNS.size()];
                for (int column = 0; column < v.length; column++) {
                    v[column] = readValue(in);
                }
                WireRecord wire = new WireRecord(
                        (String) v[0],
                        (String) v[1],
                        (String) v[2],
                        (String) v[3],
                        (String) v[4],
                        (String) v[5],
                        (String) v[6],
                        (String) v[7],
                        (String) v[8],
                        (String) v[9],
                        (Long) v[10],
                        (Long) v[11]);
                Either<InvalidPressRelease, PressRelease> record = wire.toPressRelease();
                if (record.isLeft()) {
                    return Either.left(new DecodeFailure(
                            "row " + row + ": " + record.getLeft().getMessage()));
                }
                records.add(record.get());
            }
            if (in.read() != -1) {
                return Either.left(new DecodeFailure("trailing bytes after " + count + " rows"));
            }
            return Either.right(List.copyOf(records));
        } catch (IOException | ClassCastException e) {
            return Either.left(new DecodeFailure("corrupt test-codec file: " + e));
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("bad string length " + length);
                }
                yield new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            case 2 -> in.readLong();
            default -> throw new IOException("bad value tag " + tag);
        };
    }
}
