package io.feedstore.domain.backfill;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One task's share of a backfill's dates: a date belongs to the shard its epoch day falls in modulo {@code count},
 * so the {@code count} shards of a job together take every date exactly once, whichever dates there are, and a
 * re-run of a task takes the same dates again.
 */
public record Shard(int index, int count) {

    /** The whole range: one task. */
    public static final Shard ALL = new Shard(0, 1);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "shard index " + index + " must be from 0 to " + (count - 1) + " for " + count + " shards");
        }
    }

    /** {@code I/N}, as {@code --shard} takes it: shard I (counting from 0) of N. */
    public static Shard parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "shard '" + text + "' must be I/N: shard I (counting from 0) of N, such as 0/4");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean owns(LocalDate date) {
        return Math.floorMod(date.toEpochDay(), (long) count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
