package io.feedstore.domain.backfill;

import io.feedstore.domain.consolidation.RowDigest;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One retired legacy file in the migration record {@code backfill/{run}.jsonl}: the file as it was (key and
 * generation), each of its rows (id and content digest), and the consolidated objects verified to hold them, so
 * that a deleted file can always be traced to where its rows went. Written before the file is deleted.
 */
public record MigrationEntry(ObjectKey file, Generation generation, List<Row> rows, List<Holder> heldBy) {

    /** Where the records live, one object per run. */
    public static final KeyPrefix RECORDS = KeyPrefix.of("backfill/");

    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A row of the file. */
    public record Row(PressReleaseId id, RowDigest digest) {
        public Row {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** A consolidated object, at the generation verified to hold the rows. */
    public record Holder(ObjectKey key, Generation generation) {
        public Holder {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(generation, "generation");
        }
    }

    public MigrationEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(generation, "generation");
        rows = List.copyOf(rows);
        heldBy = List.copyOf(heldBy);
        if (!rows.isEmpty() && heldBy.isEmpty()) {
            throw new IllegalArgumentException("the rows of " + file + " must be held by a consolidated object");
        }
    }

    /** The record of run {@code run}; a run id is letters, digits, '.', '_' and '-'. */
    public static ObjectKey recordOf(String run) {
        if (!RUN.matcher(run).matches()) {
            throw new IllegalArgumentException(
                    "backfill run id '" + run + "' must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        return RECORDS.key(run + ".jsonl");
    }

    /** The entry as one line of JSON, ending in a newline. */
    public String toJsonLine() {
        StringBuilder json = new StringBuilder(128 + 64 * rows.size());
        json.append("{\"file\":");
        string(json, file.value());
        json.append(",\"generation\":");
        string(json, generation.token());
        json.append(",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":");
            string(json, row.id().value());
            json.append(",\"digest\":\"")
                    .append(String.format(
                            "%016x%016x", row.digest().high(), row.digest().low()))
                    .append("\"}");
        }
        json.append("],\"held_by\":[");
        for (int i = 0; i < heldBy.size(); i++) {
            Holder holder = heldBy.get(i);
            json.append(i == 0 ? "" : ",").append("{\"key\":");
            string(json, holder.key().value());
            json.append(",\"generation\":");
            string(json, holder.generation().token());
            json.append('}');
        }
        return json.append("]}\n").toString();
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
