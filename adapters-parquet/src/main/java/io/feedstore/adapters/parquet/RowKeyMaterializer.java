package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.InvalidPressRelease;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.WireRecord;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Assembles only a row's key, from a file read with {@link FileLayout#keys()}'s projection: the
 * {@code press_release_id} as its UTF-8 bytes (no string is built) and {@code ingested_at} as
 * {@link PressRelease#ingestedAtKey key}, parsed once per dictionary entry when the column has a
 * dictionary (other writers often give it one). A value that breaks a rule throws
 * {@link InvalidPressRelease}, as building the record would.
 */
final class RowKeyMaterializer extends RecordMaterializer<RowKeyMaterializer.Key> {

    /** The current row's key; the same instance for every row. */
    static final class Key {
        private byte[] id;
        private long ingestedAtKey;

        byte[] id() {
            if (id == null) {
                throw new InvalidPressRelease(WireRecord.PRESS_RELEASE_ID, null, "is required");
            }
            return id;
        }

        long ingestedAtKey() {
            return ingestedAtKey;
        }
    }

    private final Key key = new Key();
    private final Root root;

    RowKeyMaterializer(FileLayout keys) {
        this.root = new Root(keys);
    }

    @Override
    public Key getCurrentRecord() {
        return key;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static long key(Binary value) {
        return PressRelease.ingestedAtKey(value.getBytesUnsafe());
    }

    private final class Root extends GroupConverter {
        private final Converter[] converters;

        Root(FileLayout keys) {
            converters = new Converter[keys.wireColumn().length];
            for (int field = 0; field < converters.length; field++) {
                int column = keys.wireColumn()[field];
                converters[field] = WireRecord.COLUMNS.get(column).equals(WireRecord.PRESS_RELEASE_ID)
                        ? new IdColumn()
                        : new IngestedAtColumn();
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            key.id = null;
            key.ingestedAtKey = PressRelease.NOT_INGESTED;
        }

        @Override
        public void end() {}
    }

    private final class IdColumn extends PrimitiveConverter {
        @Override
        public void addBinary(Binary value) {
            key.id = value.getBytes();
        }
    }

    private final class IngestedAtColumn extends PrimitiveConverter {
        private Dictionary dictionary;
        /** Per dictionary id: its key, once parsed. */
        private long[] parsed;

        private boolean[] known;

        @Override
        public void addBinary(Binary value) {
            key.ingestedAtKey = key(value);
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary newDictionary) {
            dictionary = newDictionary;
            parsed = new long[newDictionary.getMaxId() + 1];
            known = new boolean[parsed.length];
        }

        @Override
        public void addValueFromDictionary(int id) {
            if (!known[id]) {
                parsed[id] = key(dictionary.decodeToBinary(id));
                known[id] = true;
            }
            key.ingestedAtKey = parsed[id];
        }
    }
}
