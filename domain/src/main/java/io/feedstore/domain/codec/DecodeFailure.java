package io.feedstore.domain.codec;

import java.util.Objects;

/** Why bytes are not a file of press releases: not Parquet, a missing column, or a row that breaks a rule. */
public record DecodeFailure(String reason) {

    public DecodeFailure {
        Objects.requireNonNull(reason, "reason");
    }
}
