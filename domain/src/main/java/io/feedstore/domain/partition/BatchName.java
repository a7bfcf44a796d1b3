package io.feedstore.domain.partition;

import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a batch: {@code batch_{sequence:04d}_{yyyyMMdd_HHmmss}_{unique}.parquet}. The sequence counts
 * a writer's batches per partition; the unique suffix, random per writer, keeps two writers that start in the
 * same second from ever choosing the same name (and create-if-absent catches the astronomically unlikely rest).
 */
public record BatchName(int sequence, LocalDateTime createdAt, String unique) {

    private static final Pattern UNIQUE = Pattern.compile("[a-z0-9]{4,32}");
    private static final Pattern FILE = Pattern.compile("batch_(\\d{4,9})_(\\d{8}_\\d{6})_([a-z0-9]{4,32})\\.parquet");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    public BatchName {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(unique, "unique");
        if (sequence < 0 || sequence > 999_999_999) {
            throw new IllegalArgumentException("batch sequence " + sequence + " must be 0..999999999");
        }
        if (!UNIQUE.matcher(unique).matches()) {
            throw new IllegalArgumentException("batch suffix '" + unique + "' must match " + UNIQUE.pattern());
        }
        createdAt = createdAt.withNano(0);
    }

    public String fileName() {
        return String.format("batch_%04d_%s_%s.parquet", sequence, STAMP.format(createdAt), unique);
    }

    public static Option<BatchName> parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return Option.none();
        }
        try {
            return Option.some(
                    new BatchName(Integer.parseInt(m.group(1)), LocalDateTime.parse(m.group(2), STAMP), m.group(3)));
        } catch (RuntimeException e) {
            return Option.none();
        }
    }

    /** A fresh random suffix (10 characters of [a-z0-9], about 52 bits). */
    public static String randomUnique() {
        char[] out = new char[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
