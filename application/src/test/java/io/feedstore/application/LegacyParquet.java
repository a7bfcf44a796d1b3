package io.feedstore.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Test files in the older pipeline's layouts, written by parquet's low-level example writer with the exact
 * physical types each writer used, including rows feedstore itself could never write (no date, a bad source).
 */
public final class LegacyParquet {

    /** The writers of the older pipeline, by the schema their files have. */
    public enum Shape {
        /** Polars {@code part-*.parquet}: 11 columns (no release_ts_utc), int64 versions. */
        POLARS_PART,
        /** pyarrow {@code msgId=*.parquet}: 11 columns, int64 versions. */
        PYARROW_MSGID,
        /** The one-off repair's {@code msgId=*.parquet}: 11 columns, int32 versions. */
        REPAIRED_MSGID,
        /** pandas: 12 columns, release_ts_utc an INT32 column of nulls, int64 versions, {@code __index_level_0__}. */
        PANDAS
    }

    private static final List<String> STRINGS = List.of(
            "press_release_id",
            "company_name",
            "category",
            "release_date",
            "release_ts_utc",
            "ingested_at",
            "title",
            "full_text",
            "source",
            "source_url");

    private LegacyParquet() {}

    /** A row: the columns given as name, value pairs (String, Integer or Long); absent names are nulls. */
    public static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** The rows as one file of {@code shape}; versions given as Long are narrowed for int32 shapes. */
    public static byte[] file(Shape shape, List<Map<String, Object>> rows) {
        MessageType schema = schema(shape);
        try {
            Path path = Files.createTempFile("legacy", ".parquet");
            try {
                SimpleGroupFactory groups = new SimpleGroupFactory(schema);
                try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                        .withConf(new PlainParquetConfiguration())
                        .withType(schema)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .build()) {
                    long index = 0;
                    for (Map<String, Object> row : rows) {
                        Group group = groups.newGroup();
                        for (Map.Entry<String, Object> column : row.entrySet()) {
                            add(group, shape, column.getKey(), column.getValue());
                        }
                        if (shape == Shape.PANDAS) {
                            group.add("__index_level_0__", index++);
                        }
                        writer.write(group);
                    }
                }
                return Files.readAllBytes(path);
            } finally {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Group group, Shape shape, String name, Object value) {
        if (value == null) {
            return;
        }
        if (name.equals("release_ts_utc")
                && shape != Shape.PANDAS
                && !schema(shape).containsField(name)) {
            throw new IllegalArgumentException(shape + " files have no release_ts_utc column");
        }
        if (value instanceof String s) {
            group.add(name, s);
        } else if (value instanceof Number n) {
            if (shape == Shape.REPAIRED_MSGID) {
                group.add(name, n.intValue());
            } else {
                group.add(name, n.longValue());
            }
        } else {
            throw new IllegalArgumentException("unsupported test value " + value);
        }
    }

    private static MessageType schema(Shape shape) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (String name : STRINGS) {
            if (name.equals("release_ts_utc")) {
                if (shape == Shape.PANDAS) {
                    message.optional(PrimitiveTypeName.INT32)
                            .as(LogicalTypeAnnotation.unknownType())
                            .named(name);
                }
                continue;
            }
            message.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        PrimitiveTypeName versions = shape == Shape.REPAIRED_MSGID ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64;
        message.optional(versions).named("parser_version");
        message.optional(versions).named("schema_version");
        if (shape == Shape.PANDAS) {
            message.optional(PrimitiveTypeName.INT64).named("__index_level_0__");
        }
        return message.named("schema");
    }
}
