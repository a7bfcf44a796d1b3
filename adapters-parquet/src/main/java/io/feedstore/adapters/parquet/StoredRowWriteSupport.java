package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.StoredRow;
import io.feedstore.domain.release.WireRecord;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes {@link StoredRow}s (the UTF-8 bytes of each column) straight into Parquet's record consumer: no intermediate Group objects per row. */
final class StoredRowWriteSupport extends WriteSupport<StoredRow> {

    private RecordConsumer consumer;

    /** The key-value metadata of every file feedstore writes. */
    static final Map<String, String> METADATA = Map.of("writer.model.name", "feedstore");

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private static WriteContext context() {
        return new WriteContext(ProductionSchema.SCHEMA, METADATA);
    }

    @Override
    public String getName() {
        return "feedstore";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(StoredRow row) {
        consumer.startMessage();
        for (int column = 0; column < StoredRow.STRING_COLUMNS; column++) {
            byte[] value = row.value(column);
            // A null is written by leaving the OPTIONAL field out of the message.
            if (value != null) {
                String name = WireRecord.COLUMNS.get(column);
                consumer.startField(name, column);
                // A byte[]-backed Binary hashes and compares faster in the dictionary than a ByteBuffer-backed one.
                consumer.addBinary(Binary.fromConstantByteArray(value));
                consumer.endField(name, column);
            }
        }
        int32(10, WireRecord.PARSER_VERSION, row.parserVersion());
        int32(11, WireRecord.SCHEMA_VERSION, row.schemaVersion());
        consumer.endMessage();
    }

    private void int32(int index, String name, Long value) {
        if (value != null) {
            consumer.startField(name, index);
            consumer.addInteger(Math.toIntExact(value));
            consumer.endField(name, index);
        }
    }
}
