package io.feedstore.domain.release;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8, as the Unicode standard defines it: no overlong forms, no code points above U+10FFFF and no
 * surrogates (which UTF-8 cannot carry, so a well-formed value always decodes to a string without unpaired
 * surrogates). The same bytes the JDK's decoder accepts when told to report malformed input.
 */
public final class Utf8 {

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {}

    public static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            // Press-release text is mostly ASCII: skip eight such bytes at a time, then straight to the first other.
            if (i + 8 <= n) {
                long high = longAt(bytes, i) & HIGH_BITS;
                if (high == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(high) >>> 3;
            } else if (bytes[i] >= 0) {
                i++;
                continue;
            }
            int b = bytes[i] & 0xff;
            int length;
            int lowest = 0x80;
            int highest = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                if (b == 0xe0) {
                    lowest = 0xa0;
                } else if (b == 0xed) {
                    highest = 0x9f;
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                if (b == 0xf0) {
                    lowest = 0x90;
                } else if (b == 0xf4) {
                    highest = 0x8f;
                }
            } else {
                return false;
            }
            if (i + length > n) {
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < lowest || second > highest) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    private static long longAt(byte[] bytes, int i) {
        return (long) LONGS.get(bytes, i);
    }
}
