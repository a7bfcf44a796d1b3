package io.feedstore.domain.consolidation;

import io.feedstore.domain.release.PressRelease;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * {@link Deduplication}'s rule, computed over a stream of row keys instead of rows: for each id, where its newest
 * row is (input number, row number) and that row's {@code ingested_at}; later, the {@link RowDigest} of the row
 * written for it, which verification checks the stored file against. Compact enough for a million ids in well
 * under 100 MB: ids are UTF-8 bytes in one arena, everything else primitive arrays indexed by an entry number, found
 * by open addressing; ids are always compared byte by byte, never conflated by hash.
 *
 * <p>Two or more rows of an id with the same newest {@link PressRelease#ingestedAtKey key} are a tie, which
 * {@link PressRelease#NEWEST_LAST} breaks by comparing the rows themselves (their instants where the key saturates,
 * then parser versions and content; identical copies included: which copy is kept does not matter, but the index
 * cannot tell copies from rivals without their content). The index only
 * marks such an id {@link #isTied tied}; the caller settles it from the candidate rows.
 */
public final class NewestPerIdIndex {

    /** The digest of an entry whose row has not been written: no row has it, so verification refuses the id. */
    private static final RowDigest NOT_WRITTEN = new RowDigest(0, 0);

    private final Bytes arena = new Bytes();
    private final Ints idRef = new Ints();
    private final Ints hashes = new Ints();
    private final Longs ingested = new Longs();
    private final Longs digestHigh = new Longs();
    private final Longs digestLow = new Longs();
    private final Ints input = new Ints();
    private final Ints row = new Ints();
    private final BitSet tied = new BitSet();
    private int tiedCount;
    private int size;
    private long offered;
    /** Entry number + 1 per slot; 0 is empty. A power of two in length. */
    private Ints slots = new Ints();

    private int slotCount = 1 << 11;

    public static byte[] idBytes(PressRelease row) {
        return row.id().value().getBytes(StandardCharsets.UTF_8);
    }

    /** Takes one row's key into account; answers the id's entry number. */
    public int offer(byte[] id, long ingestedAt, int inputNumber, int rowNumber) {
        offered++;
        int hash = hash(id);
        int slot = hash & (slotCount - 1);
        int occupant;
        while ((occupant = slots.get(slot)) != 0) {
            int entry = occupant - 1;
            if (hashes.get(entry) == hash && sameId(entry, id)) {
                update(entry, ingestedAt, inputNumber, rowNumber);
                return entry;
            }
            slot = (slot + 1) & (slotCount - 1);
        }
        int entry = add(id, hash, ingestedAt, inputNumber, rowNumber);
        slots.set(slot, entry + 1);
        if ((long) size * 2 > slotCount) {
            rehash();
        }
        return entry;
    }

    private void update(int entry, long ingestedAt, int inputNumber, int rowNumber) {
        if (ingestedAt > ingested.get(entry)) {
            ingested.set(entry, ingestedAt);
            input.set(entry, inputNumber);
            row.set(entry, rowNumber);
            if (tied.get(entry)) {
                tied.clear(entry);
                tiedCount--;
            }
        } else if (ingestedAt == ingested.get(entry) && !tied.get(entry)) {
            tied.set(entry);
            tiedCount++;
        }
    }

    /** The entry of {@code id}, or -1. */
    public int find(byte[] id) {
        int hash = hash(id);
        int slot = hash & (slotCount - 1);
        int occupant;
        while ((occupant = slots.get(slot)) != 0) {
            int entry = occupant - 1;
            if (hashes.get(entry) == hash && sameId(entry, id)) {
                return entry;
            }
            slot = (slot + 1) & (slotCount - 1);
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
        return ingested.get(entry);
    }

    public String id(int entry) {
        return new String(arena.bytes(idRef.get(entry)), StandardCharsets.UTF_8);
    }

    public boolean sameDigest(int entry, RowDigest digest) {
        return digestHigh.get(entry) == digest.high() && digestLow.get(entry) == digest.low();
    }

    /** Records the digest of the row written for the id; verification expects the stored row to have it. */
    public void setDigest(int entry, RowDigest digest) {
        digestHigh.set(entry, digest.high());
        digestLow.set(entry, digest.low());
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
                winners[input.get(entry)].set(row.get(entry));
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
        int refA = idRef.get(a);
        int refB = idRef.get(b);
        int lengthA = arena.length(refA);
        int lengthB = arena.length(refB);
        byte[] pageA = arena.page(refA);
        byte[] pageB = arena.page(refB);
        int startA = Bytes.offset(refA) + 4;
        int startB = Bytes.offset(refB) + 4;
        int common = Math.min(lengthA, lengthB);
        for (int i = 0; i < common; i++) {
            int x = pageA[startA + i] & 0xff;
            int y = pageB[startB + i] & 0xff;
            if (x != y) {
                if (x < 0x80 && y < 0x80) {
                    return x - y;
                }
                return id(a).compareTo(id(b));
            }
        }
        return lengthA - lengthB;
    }

    private int add(byte[] id, int hash, long ingestedAt, int inputNumber, int rowNumber) {
        int entry = size++;
        idRef.set(entry, arena.add(id));
        hashes.set(entry, hash);
        ingested.set(entry, ingestedAt);
        // Allocated now, while one thread adds; set later, one entry at a time, from the rows written.
        setDigest(entry, NOT_WRITTEN);
        input.set(entry, inputNumber);
        row.set(entry, rowNumber);
        return entry;
    }

    private void rehash() {
        int biggerCount = slotCount * 2;
        Ints bigger = new Ints();
        int mask = biggerCount - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = hashes.get(entry) & mask;
            while (bigger.get(slot) != 0) {
                slot = (slot + 1) & mask;
            }
            bigger.set(slot, entry + 1);
        }
        slots = bigger;
        slotCount = biggerCount;
    }

    private boolean sameId(int entry, byte[] id) {
        int ref = idRef.get(entry);
        int start = Bytes.offset(ref) + 4;
        return arena.length(ref) == id.length
                && Arrays.equals(arena.page(ref), start, start + id.length, id, 0, id.length);
    }

    // Paged storage: pages of 32K values (256 KB at most) grow without copying and are never "humongous" objects
    // for the garbage collector, so a small heap does not need large contiguous free regions.

    private static final int PAGE_BITS = 15;
    private static final int PAGE = 1 << PAGE_BITS;

    /** A growable int array in pages; unset values read 0. */
    private static final class Ints {
        private int[][] pages = new int[8][];

        int get(int i) {
            int p = i >>> PAGE_BITS;
            return p < pages.length && pages[p] != null ? pages[p][i & (PAGE - 1)] : 0;
        }

        void set(int i, int value) {
            page(i)[i & (PAGE - 1)] = value;
        }

        private int[] page(int i) {
            int p = i >>> PAGE_BITS;
            if (p >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            }
            if (pages[p] == null) {
                pages[p] = new int[PAGE];
            }
            return pages[p];
        }
    }

    /** A growable long array in pages; unset values read 0. */
    private static final class Longs {
        private long[][] pages = new long[8][];

        long get(int i) {
            int p = i >>> PAGE_BITS;
            return p < pages.length && pages[p] != null ? pages[p][i & (PAGE - 1)] : 0;
        }

        void set(int i, long value) {
            int p = i >>> PAGE_BITS;
            if (p >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            }
            if (pages[p] == null) {
                pages[p] = new long[PAGE];
            }
            pages[p][i & (PAGE - 1)] = value;
        }
    }

    /**
     * Ids, each as a 4-byte length and its UTF-8 bytes inside one page of 256 KB (an id too long for a page gets a
     * page of its own); an id's reference is its page number and offset in one int.
     */
    private static final class Bytes {
        private static final int OFFSET_BITS = 18;
        private static final int PAGE_BYTES = 1 << OFFSET_BITS;
        private byte[][] pages = new byte[8][];
        private int count;
        private int used = PAGE_BYTES;

        int add(byte[] id) {
            int needed = id.length + 4;
            if (needed > PAGE_BYTES - used) {
                if (count == pages.length) {
                    pages = Arrays.copyOf(pages, pages.length * 2);
                }
                if (count >= 1 << (31 - OFFSET_BITS)) {
                    throw new IllegalStateException("more than 2 GB of distinct press release ids in one partition");
                }
                pages[count++] = new byte[Math.max(PAGE_BYTES, needed)];
                used = 0;
            }
            byte[] page = pages[count - 1];
            int ref = ((count - 1) << OFFSET_BITS) | used;
            page[used] = (byte) (id.length >>> 24);
            page[used + 1] = (byte) (id.length >>> 16);
            page[used + 2] = (byte) (id.length >>> 8);
            page[used + 3] = (byte) id.length;
            System.arraycopy(id, 0, page, used + 4, id.length);
            used += needed;
            return ref;
        }

        byte[] page(int ref) {
            return pages[ref >>> OFFSET_BITS];
        }

        static int offset(int ref) {
            return ref & (PAGE_BYTES - 1);
        }

        int length(int ref) {
            byte[] page = page(ref);
            int at = offset(ref);
            return ((page[at] & 0xff) << 24)
                    | ((page[at + 1] & 0xff) << 16)
                    | ((page[at + 2] & 0xff) << 8)
                    | (page[at + 3] & 0xff);
        }

        byte[] bytes(int ref) {
            int at = offset(ref) + 4;
            return Arrays.copyOfRange(page(ref), at, at + length(ref));
        }
    }

    private static int hash(byte[] id) {
        int h = Arrays.hashCode(id);
        // Spread the bits: linear probing needs the low bits to differ.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
