package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.WireRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Assembles one {@link WireRecord} per Parquet row; a column the file lacks stays null. Every string is the JDK's
 * decoding of bytes that are well-formed UTF-8 (anything else is refused), so none holds an unpaired surrogate.
 */
final class WireRecordMaterializer extends RecordMaterializer<WireRecord> {

    private final String[] strings = new String[ProductionSchema.FIRST_VERSION_COLUMN];
    private final Long[] versions = new Long[WireRecord.COLUMNS.size() - ProductionSchema.FIRST_VERSION_COLUMN];
    private final Root root;

    WireRecordMaterializer(FileLayout layout) {
        this.root = new Root(layout);
    }

    @Override
    public WireRecord getCurrentRecord() {
        return new WireRecord(
                strings[0],
                strings[1],
                strings[2],
                strings[3],
                strings[4],
                strings[5],
                strings[6],
                strings[7],
                strings[8],
                strings[9],
                versions[0],
                versions[1]);
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    /** A value that is not UTF-8: refused rather than silently turned into U+FFFD. */
    static final class MalformedText extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedText(String column) {
            super("column " + column + " is not valid UTF-8");
        }

        private MalformedText(String column, String type) {
            super("column " + column + " has Parquet type " + type + " and holds a value; a string column of"
                    + " another type is read only when every value in it is null");
        }

        static MalformedText notNull(String column, String type) {
            return new MalformedText(column, type);
        }
    }

    private final class Root extends GroupConverter {
        private final Converter[] converters;

        Root(FileLayout layout) {
            converters = new Converter[layout.wireColumn().length];
            for (int field = 0; field < converters.length; field++) {
                int column = layout.wireColumn()[field];
                if (layout.isNullOnly(field)) {
                    converters[field] = new NullOnlyColumn(
                            WireRecord.COLUMNS.get(column),
                            layout.projection()
                                    .getType(field)
                                    .asPrimitiveType()
                                    .getPrimitiveTypeName()
                                    .name());
                } else {
                    converters[field] = ProductionSchema.isString(column)
                            ? new StringColumn(column)
                            : new VersionColumn(column - ProductionSchema.FIRST_VERSION_COLUMN);
                }
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            java.util.Arrays.fill(strings, null);
            java.util.Arrays.fill(versions, null);
        }

        @Override
        public void end() {}
    }

    private final class StringColumn extends PrimitiveConverter {
        private final int column;
        private final String name;
        private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private Dictionary dictionary;
        // Repeated values (source, date, company) are decoded once per row group, not once per row.
        private String[] decodedDictionary;

        StringColumn(int column) {
            this.column = column;
            this.name = WireRecord.COLUMNS.get(column);
        }

        @Override
        public void addBinary(Binary value) {
            strings[column] = decode(value);
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary newDictionary) {
            dictionary = newDictionary;
            decodedDictionary = new String[newDictionary.getMaxId() + 1];
        }

        @Override
        public void addValueFromDictionary(int id) {
            String value = decodedDictionary[id];
            if (value == null) {
                value = decode(dictionary.decodeToBinary(id));
                decodedDictionary[id] = value;
            }
            strings[column] = value;
        }

        private String decode(Binary value) {
            String text = value.toStringUsingUTF8();
            // The lenient JDK decoder writes U+FFFD for bad bytes; only then is a strict second look needed.
            if (text.indexOf('\uFFFD') >= 0) {
                try {
                    strictUtf8.reset().decode(ByteBuffer.wrap(value.getBytesUnsafe()));
                } catch (CharacterCodingException e) {
                    throw new MalformedText(name);
                }
            }
            return text;
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

    /** A string column the file gives another type: read only as nulls, so any value refuses the row. */
    private static final class NullOnlyColumn extends PrimitiveConverter {
        private final String name;
        private final String type;

        NullOnlyColumn(String name, String type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public void addBinary(Binary value) {
            throw MalformedText.notNull(name, type);
        }

        @Override
        public void addBoolean(boolean value) {
            throw MalformedText.notNull(name, type);
        }

        @Override
        public void addDouble(double value) {
            throw MalformedText.notNull(name, type);
        }

        @Override
        public void addFloat(float value) {
            throw MalformedText.notNull(name, type);
        }

        @Override
        public void addInt(int value) {
            throw MalformedText.notNull(name, type);
        }

        @Override
        public void addLong(long value) {
            throw MalformedText.notNull(name, type);
        }
    }
}
