package io.feedstore.adapters.parquet;

import io.feedstore.domain.codec.DecodeFailure;
import io.feedstore.domain.release.WireRecord;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Where the production columns sit in one file's schema. Other writers are accepted as long as the column names
 * match: any order, extra columns (not read), optional columns missing (read as null), REQUIRED instead of
 * OPTIONAL, strings with or without the STRING annotation, versions as int32 or int64, and an optional string
 * column of another type when every value in it is null (pandas gives a column of nulls a type of its own, such
 * as INT32 with the Null annotation); the materializer refuses the file if such a column holds a value.
 *
 * @param projection the columns to read, each with its type as the file has it
 * @param wireColumn for each field of {@code projection}, its index in {@link WireRecord#COLUMNS}
 */
record FileLayout(MessageType projection, int[] wireColumn) {

    static Either<DecodeFailure, FileLayout> of(MessageType fileSchema) {
        List<Type> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int column = 0; column < WireRecord.COLUMNS.size(); column++) {
            String name = WireRecord.COLUMNS.get(column);
            if (!fileSchema.containsField(name)) {
                if (ProductionSchema.REQUIRED_COLUMNS.contains(name)) {
                    return Either.left(new DecodeFailure(
                            "missing required column " + name + " (the file has " + fieldNames(fileSchema) + ")"));
                }
                continue;
            }
            Type field = fileSchema.getType(name);
            String problem = problem(column, field);
            if (problem != null) {
                return Either.left(new DecodeFailure("column " + name + " " + problem));
            }
            fields.add(field);
            columns.add(column);
        }
        int[] wireColumn = columns.stream().mapToInt(Integer::intValue).toArray();
        return Either.right(new FileLayout(new MessageType(fileSchema.getName(), fields), wireColumn));
    }

    private static String problem(int column, Type field) {
        if (!field.isPrimitive()) {
            return "is a nested group; expected a plain column";
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            return "is REPEATED; expected one value per row";
        }
        PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
        if (ProductionSchema.isString(column)) {
            return type == PrimitiveTypeName.BINARY || mayBeNullOnly(column)
                    ? null
                    : "has type " + type + "; expected a BINARY (UTF-8 string)";
        }
        return type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64
                ? null
                : "has type " + type + "; expected INT32 or INT64";
    }

    /**
     * Whether a string column may come with another type as long as it holds only nulls: not the columns a row
     * needs, nor {@code ingested_at}, which the key-only reads parse.
     */
    static boolean mayBeNullOnly(int column) {
        String name = WireRecord.COLUMNS.get(column);
        return ProductionSchema.isString(column)
                && !ProductionSchema.REQUIRED_COLUMNS.contains(name)
                && !name.equals(WireRecord.INGESTED_AT);
    }

    /** Whether the field at {@code field} of the projection is a string column the file gives another type. */
    boolean isNullOnly(int field) {
        return ProductionSchema.isString(wireColumn[field])
                && projection.getType(field).asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY;
    }

    private static List<String> fieldNames(MessageType schema) {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    /** The same file's {@code press_release_id} and {@code ingested_at} (when it has one) and nothing else. */
    FileLayout keys() {
        List<Type> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int field = 0; field < wireColumn.length; field++) {
            String name = WireRecord.COLUMNS.get(wireColumn[field]);
            if (name.equals(WireRecord.PRESS_RELEASE_ID) || name.equals(WireRecord.INGESTED_AT)) {
                fields.add(projection.getType(field));
                columns.add(wireColumn[field]);
            }
        }
        return new FileLayout(
                new MessageType(projection.getName(), fields),
                columns.stream().mapToInt(Integer::intValue).toArray());
    }
}
