package io.feedstore.domain.partition;

import io.feedstore.domain.store.KeyPrefix;

/** Where each kind of object lives, relative to the store root. */
public final class StoreLayout {

    /** The silver table; partitions sit below it as {@code source=S/release_date=D/}. */
    public static final KeyPrefix TABLE = KeyPrefix.of("silver_normalized/table=press_releases/");

    /** Dead letters: input lines that could not be stored, kept verbatim with their reasons. */
    public static final KeyPrefix REJECTS = KeyPrefix.of("rejects/");

    /** Raw source material, never overwritten, never deleted. */
    public static final KeyPrefix BRONZE = KeyPrefix.of("bronze_raw/");

    public static final String CONSOLIDATED_NAME = "consolidated.parquet";

    private StoreLayout() {}
}
