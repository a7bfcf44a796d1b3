package io.feedstore.adapters.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** Test helpers: files written by parquet's own example writer (another writer than ours), and footers. */
final class ParquetFiles {

    private ParquetFiles() {}

    /** Writes rows given as column name to value (String, byte[], Integer or Long); absent names are nulls. */
    static byte[] writtenByParquetExampleWriter(MessageType schema, List<Map<String, Object>> rows) {
        return writtenByParquetExampleWriter(schema, rows, Integer.MAX_VALUE);
    }

    /** With row groups of at most {@code groupRows} rows. */
    static byte[] writtenByParquetExampleWriter(MessageType schema, List<Map<String, Object>> rows, int groupRows) {
        InMemoryOutputFile file = new InMemoryOutputFile();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withRowGroupRowCountLimit(groupRows)
                .build()) {
            for (Map<String, Object> row : rows) {
                Group group = groups.newGroup();
                row.forEach((name, value) -> {
                    if (value instanceof String s) {
                        group.add(name, s);
                    } else if (value instanceof byte[] b) {
                        group.add(name, Binary.fromConstantByteArray(b));
                    } else if (value instanceof Integer i) {
                        group.add(name, i);
                    } else if (value instanceof Long l) {
                        group.add(name, l);
                    } else {
                        throw new IllegalArgumentException("unsupported test value " + value);
                    }
                });
                writer.write(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toByteArray();
    }

    /** A row given as column names and values in turn: {@code row("title", "Ærø", "parser_version", 3)}. */
    static Map<String, Object> row(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a row is names and values in pairs, got " + namesAndValues.length);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** A row with its id, release date and source, then any other columns as names and values in turn. */
    static Map<String, Object> keyedRow(String id, String releaseDate, String source, Object... more) {
        Map<String, Object> row = row("press_release_id", id, "release_date", releaseDate, "source", source);
        row.putAll(row(more));
        return row;
    }

    /** A schema's start with the three columns every file has, optional strings: id, release date, source. */
    static Types.GroupBuilder<MessageType> keyColumns() {
        return Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("press_release_id")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("release_date")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("source");
    }

    /** Our schema as another writer might have left it, without {@code column}. */
    static MessageType productionSchemaWithout(String column) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        ProductionSchema.SCHEMA.getFields().stream()
                .filter(f -> !f.getName().equals(column))
                .forEach(builder::addField);
        return builder.named("without_" + column);
    }

    static ParquetMetadata footer(byte[] file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new InMemoryInputFile(file))) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
