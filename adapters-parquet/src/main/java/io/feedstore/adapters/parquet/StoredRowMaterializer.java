package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.StoredRow;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Assembles one {@link StoredRow} per Parquet row: each string column's bytes copied as they are (no decoding, no
 * check: {@link StoredRow#check()} does that); a column the file lacks stays null.
 */
final class StoredRowMaterializer extends RecordMaterializer<StoredRow> {

    private byte[][] strings = new byte[StoredRow.STRING_COLUMNS][];
    private final Long[] versions = new Long[2];
    private final Root root;

    StoredRowMaterializer(FileLayout layout) {
        this.root = new Root(layout);
    }

    @Override
    public StoredRow getCurrentRecord() {
        // The row keeps the array; the next row starts a new one.
        return new StoredRow(strings, versions[0], versions[1]);
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private final class Root extends GroupConverter {
        private final Converter[] converters;

        Root(FileLayout layout) {
            converters = new Converter[layout.wireColumn().length];
            for (int field = 0; field < converters.length; field++) {
                int column = layout.wireColumn()[field];
                converters[field] = ProductionSchema.isString(column)
                        ? new StringColumn(column)
                        : new VersionColumn(column - ProductionSchema.FIRST_VERSION_COLUMN);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            strings = new byte[StoredRow.STRING_COLUMNS][];
            Arrays.fill(versions, null);
        }

        @Override
        public void end() {}
    }

    private final class StringColumn extends PrimitiveConverter {
        private final int column;
        private Dictionary dictionary;
        // Repeated values (source, date, company) are copied once per row group and shared: rows never change them.
        private byte[][] dictionaryBytes;

        StringColumn(int column) {
            this.column = column;
        }

        @Override
        public void addBinary(Binary value) {
            strings[column] = value.getBytes();
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary newDictionary) {
            dictionary = newDictionary;
            dictionaryBytes = new byte[newDictionary.getMaxId() + 1][];
        }

        @Override
        public void addValueFromDictionary(int id) {
            byte[] value = dictionaryBytes[id];
            if (value == null) {
                value = dictionary.decodeToBinary(id).getBytes();
                dictionaryBytes[id] = value;
            }
            strings[column] = value;
        }
    }

    private final class VersionColumn extends PrimitiveConverter {
        private final int slot;

        VersionColumn(int slot) {
            this.slot = slot;
        }

        @Override
        public void addInt(int value) {
            versions[slot] = (long) value;
        }

        @Override
        public void addLong(long value) {
            versions[slot] = value;
        }
    }
}
