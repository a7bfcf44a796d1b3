package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;

/**
 * {@link Deduplication}'s rule, computed over a stream of row summaries instead of rows: for each id, where its
 * newest row is (input number, row number), that row's {@code ingested_at} and {@link RowDigest}. Compact enough for
 * a million ids in well under 100 MB: ids are UTF-8 bytes in one arena, everything else primitive arrays indexed by
 * an entry number, found by open addressing; ids are always compared byte by byte, never conflated by hash.
 *
 * <p>Rows with the newest {@code ingested_at} but different content are a tie that {@link PressRelease#NEWEST_LAST}
 * breaks by comparing the rows themselves; the index only marks such an id {@link #isTied tied}, and the caller
 * resolves it from the candidate rows (rare: it takes two versions ingested at the same microsecond).
 */
public final class NewestPerIdIndex {

    /** The {@code ingested_at} of a row without one: older than any instant, as in {@link PressRelease#NEWEST_LAST}. */
    public static final long NO_INSTANT = Long.MIN_VALUE;

    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private int[] idStart = new int[1024];
    private int[] idLength = new int[1024];
    private int[] hashes = new int[1024];
    private long[] ingested = new long[1024];
    private long[] digestHigh = new long[1024];
    private long[] digestLow = new long[1024];
    private int[] input = new int[1024];
    private int[] row = new int[1024];
    private final BitSet tied = new BitSet();
    private int tiedCount;
    private int size;
    private long offered;
    /** Entry number + 1 per slot; 0 is empty. */
    private int[] slots = new int[2048];

    /** Microseconds since the epoch, or {@link #NO_INSTANT}. */
    public static long ingestedMicros(PressRelease row) {
        Instant at = row.ingestedAt().getOrNull();
        return at == null ? NO_INSTANT : Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                at.getNano() / 1_000L);
    }

    public static byte[] idBytes(PressRelease row) {
        return row.id().value().getBytes(StandardCharsets.UTF_8);
    }

    /** Takes one row's summary into account; answers the id's entry number. */
    public int offer(byte[] id, long ingestedAt, RowDigest digest, int inputNumber, int rowNumber) {
        offered++;
        int hash = hash(id);
        int slot = hash & (slots.length - 1);
        while (slots[slot] != 0) {
            int entry = slots[slot] - 1;
            if (hashes[entry] == hash && sameId(entry, id)) {
                update(entry, ingestedAt, digest, inputNumber, rowNumber);
                return entry;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        int entry = add(id, hash, ingestedAt, digest, inputNumber, rowNumber);
        slots[slot] = entry + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return entry;
    }

    private void update(int entry, long ingestedAt, RowDigest digest, int inputNumber, int rowNumber) {
        if (ingestedAt > ingested[entry]) {
            ingested[entry] = ingestedAt;
            setDigest(entry, digest);
            input[entry] = inputNumber;
            row[entry] = rowNumber;
            if (tied.get(entry)) {
                tied.clear(entry);
                tiedCount--;
            }
        } else if (ingestedAt == ingested[entry] && !sameDigest(entry, digest) && !tied.get(entry)) {
            tied.set(entry);
            tiedCount++;
        }
    }

    /** The entry of {@code id}, or -1. */
    public int find(byte[] id) {
        int hash = hash(id);
        int slot = hash & (slots.length - 1);
        while (slots[slot] != 0) {
            int entry = slots[slot] - 1;
            if (hashes[entry] == hash && sameId(entry, id)) {
                return entry;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return -1;
    }

    /** Distinct ids seen. */
    public int size() {
        return size;
    }

    /** Rows offered. */
    public long offered() {
        return offered;
    }

    public boolean isTied(int entry) {
        return tied.get(entry);
    }

    public int tiedCount() {
        return tiedCount;
    }

    public long ingestedAt(int entry) {
        return ingested[entry];
    }

    public String id(int entry) {
        return new String(arena, idStart[entry], idLength[entry], StandardCharsets.UTF_8);
    }

    public boolean sameDigest(int entry, RowDigest digest) {
        return digestHigh[entry] == digest.high() && digestLow[entry] == digest.low();
    }

    /** Records the digest of the row that won a tie. */
    public void setDigest(int entry, RowDigest digest) {
        digestHigh[entry] = digest.high();
        digestLow[entry] = digest.low();
    }

    /**
     * For each of {@code inputs} inputs, the row numbers of the rows that win outright (tied ids have none: their
     * winner is found by comparing the candidates).
     */
    public BitSet[] winningRows(int inputs) {
        BitSet[] winners = new BitSet[inputs];
        for (int i = 0; i < inputs; i++) {
            winners[i] = new BitSet();
        }
        for (int entry = 0; entry < size; entry++) {
            if (!tied.get(entry)) {
                winners[input[entry]].set(row[entry]);
            }
        }
        return winners;
    }

    /**
     * Each entry's position among all ids sorted as {@link io.feedstore.domain.release.PressReleaseId} sorts them
     * (by UTF-16 code units, as {@link String#compareTo}), so a file can be written in the id order
     * {@link Deduplication} gives.
     */
    public int[] ranks() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int[] scratch = new int[size];
        sort(order, scratch, 0, size);
        int[] rank = scratch;
        for (int position = 0; position < size; position++) {
            rank[order[position]] = position;
        }
        return rank;
    }

    /** Merge sort of entry numbers by id: stable, no boxing, O(n log n) comparisons. */
    private void sort(int[] a, int[] scratch, int from, int to) {
        if (to - from < 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compareIds(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(a, scratch, from, middle);
        sort(a, scratch, middle, to);
        if (compareIds(a[middle - 1], a[middle]) <= 0) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = middle;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < middle && compareIds(scratch[i], scratch[j]) <= 0)) {
                a[k] = scratch[i++];
            } else {
                a[k] = scratch[j++];
            }
        }
    }

    /** String order of two entries' ids; bytes compared directly while both are ASCII, where the orders agree. */
    int compareIds(int a, int b) {
        int aStart = idStart[a];
        int bStart = idStart[b];
        int common = Math.min(idLength[a], idLength[b]);
        for (int i = 0; i < common; i++) {
            int x = arena[aStart + i] & 0xff;
            int y = arena[bStart + i] & 0xff;
            if (x != y) {
                if (x < 0x80 && y < 0x80) {
                    return x - y;
                }
                return id(a).compareTo(id(b));
            }
        }
        return idLength[a] - idLength[b];
    }

    private int add(byte[] id, int hash, long ingestedAt, RowDigest digest, int inputNumber, int rowNumber) {
        if (size == idStart.length) {
            int capacity = size + (size >> 1);
            idStart = Arrays.copyOf(idStart, capacity);
            idLength = Arrays.copyOf(idLength, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            ingested = Arrays.copyOf(ingested, capacity);
            digestHigh = Arrays.copyOf(digestHigh, capacity);
            digestLow = Arrays.copyOf(digestLow, capacity);
            input = Arrays.copyOf(input, capacity);
            row = Arrays.copyOf(row, capacity);
        }
        if (arena.length - arenaUsed < id.length) {
            long wanted = Math.max((long) arena.length + (arena.length >> 1), (long) arenaUsed + id.length);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("more than 2 GB of distinct press release ids in one partition");
            }
            arena = Arrays.copyOf(arena, (int) wanted);
        }
        System.arraycopy(id, 0, arena, arenaUsed, id.length);
        int entry = size++;
        idStart[entry] = arenaUsed;
        idLength[entry] = id.length;
        arenaUsed += id.length;
        hashes[entry] = hash;
        ingested[entry] = ingestedAt;
        setDigest(entry, digest);
        input[entry] = inputNumber;
        row[entry] = rowNumber;
        return entry;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = hashes[entry] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = entry + 1;
        }
        slots = bigger;
    }

    private boolean sameId(int entry, byte[] id) {
        return idLength[entry] == id.length
                && Arrays.equals(arena, idStart[entry], idStart[entry] + id.length, id, 0, id.length);
    }

    private static int hash(byte[] id) {
        int h = Arrays.hashCode(id);
        // Spread the bits: linear probing needs the low bits to differ.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
