package io.feedstore.adapters.parquet;

import io.feedstore.domain.release.WireRecord;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The production Parquet schema: twelve OPTIONAL columns in {@link WireRecord#COLUMNS} order, ten UTF-8 strings
 * then two int32 versions, so that files from feedstore and from the older Python pipeline are interchangeable.
 */
final class ProductionSchema {

    /** Index in {@link WireRecord#COLUMNS} of the first integer column; every column before it is a string. */
    static final int FIRST_VERSION_COLUMN = 10;

    /** Columns a row cannot do without; a file lacking one is not a file of press releases. */
    static final Set<String> REQUIRED_COLUMNS =
            Set.of(WireRecord.PRESS_RELEASE_ID, WireRecord.RELEASE_DATE, WireRecord.SOURCE);

    static final MessageType SCHEMA = build();

    private ProductionSchema() {}

    static boolean isString(int column) {
        return column < FIRST_VERSION_COLUMN;
    }

    private static MessageType build() {
        List<String> columns = WireRecord.COLUMNS;
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < columns.size(); i++) {
            if (isString(i)) {
                message.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(columns.get(i));
            } else {
                message.optional(PrimitiveTypeName.INT32).named(columns.get(i));
            }
        }
        return message.named("schema");
    }
}
