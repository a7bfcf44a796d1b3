package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.WireRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes {@link WireRecord}s straight into Parquet's record consumer: no intermediate Group objects per row. */
final class WireRecordWriteSupport extends WriteSupport<WireRecord> {

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
    public void write(WireRecord record) {
        consumer.startMessage();
        string(0, WireRecord.PRESS_RELEASE_ID, record.pressReleaseId());
        string(1, WireRecord.COMPANY_NAME, record.companyName());
        string(2, WireRecord.CATEGORY, record.category());
        string(3, WireRecord.RELEASE_DATE, record.releaseDate());
        string(4, WireRecord.RELEASE_TS_UTC, record.releaseTsUtc());
        string(5, WireRecord.INGESTED_AT, record.ingestedAt());
        string(6, WireRecord.TITLE, record.title());
        string(7, WireRecord.FULL_TEXT, record.fullText());
        string(8, WireRecord.SOURCE, record.source());
        string(9, WireRecord.SOURCE_URL, record.sourceUrl());
        int32(10, WireRecord.PARSER_VERSION, record.parserVersion());
        int32(11, WireRecord.SCHEMA_VERSION, record.schemaVersion());
        consumer.endMessage();
    }

    // A null is written by leaving the OPTIONAL field out of the message.
    private void string(int index, String name, String value) {
        if (value != null) {
            consumer.startField(name, index);
            // A byte[]-backed Binary hashes and compares faster in the dictionary than fromString's ByteBuffer.
            consumer.addBinary(Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8)));
            consumer.endField(name, index);
        }
    }

    private void int32(int index, String name, Long value) {
        if (value != null) {
            consumer.startField(name, index);
            consumer.addInteger(Math.toIntExact(value));
            consumer.endField(name, index);
        }
    }
}
