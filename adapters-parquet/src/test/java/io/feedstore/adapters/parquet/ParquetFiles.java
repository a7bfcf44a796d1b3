package io.feedstore.adapters.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.parquet.schema.MessageType;

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

    static ParquetMetadata footer(byte[] file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new InMemoryInputFile(file))) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
