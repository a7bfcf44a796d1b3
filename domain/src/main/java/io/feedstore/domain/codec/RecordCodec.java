package io.feedstore.domain.codec;

import io.feedstore.domain.release.PressRelease;
import io.vavr.control.Either;
import java.util.List;

/**
 * Outgoing port: press releases to and from Parquet bytes in the production schema (twelve nullable columns,
 * see {@link io.feedstore.domain.release.WireRecord#COLUMNS}).
 *
 * <p>The decoder accepts files from other writers with the same column names: int32 or int64 version columns,
 * a missing {@code release_ts_utc}, extra columns (ignored). Rows come back in file order.
 */
public interface RecordCodec {

    byte[] encode(List<PressRelease> records, EncodingOptions options);

    Either<DecodeFailure, List<PressRelease>> decode(byte[] file);
}
