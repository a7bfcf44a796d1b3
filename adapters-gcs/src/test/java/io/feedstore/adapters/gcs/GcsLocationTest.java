package io.feedstore.adapters.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.domain.store.KeyPrefix;
import io.feedstore.domain.store.ObjectKey;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gs://BUCKET[/PREFIX]} is read one way only, and a bad store URI fails naming the input and the rule. */
class GcsLocationTest {

    @ParameterizedTest
    @CsvSource({
        "gs://press-feed,                press-feed,   '',            gs://press-feed",
        "gs://press-feed/,               press-feed,   '',            gs://press-feed",
        "gs://press_feed/silver,         press_feed,   silver/,       gs://press_feed/silver",
        "gs://press.feed.example/a/b/,   press.feed.example, a/b/,    gs://press.feed.example/a/b",
        "GS://abc/x=1/y,                 abc,          x=1/y/,        gs://abc/x=1/y"
    })
    void aStoreUriNamesTheBucketAndThePrefixItsObjectsLiveUnder(
            String uri, String bucket, String prefix, String described) {
        GcsLocation location = GcsLocation.parse(URI.create(uri));

        assertThat(location.bucket()).isEqualTo(bucket);
        assertThat(location.prefix()).isEqualTo(prefix);
        assertThat(location.describe()).isEqualTo(described);
        assertThat(location.objectName(ObjectKey.of("k/v.parquet"))).isEqualTo(prefix + "k/v.parquet");
        assertThat(location.objectName(KeyPrefix.ROOT)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "file:/tmp/x                | is not a gs://BUCKET[/PREFIX] URI",
                "gs:bucket                  | is not a gs://BUCKET[/PREFIX] URI",
                "gs:///prefix               | names no bucket",
                "gs://bucket/a?b=c          | must not have a query",
                "gs://user@bucket/a         | must not carry a user or port",
                "gs://bucket:443/a          | must not carry a user or port",
                "gs://Bucket                | use only lowercase letters",
                "gs://ab                    | be 3 to 63 characters",
                "gs://-bucket               | starting and ending with a letter or digit",
                "gs://bucket..x             | not contain '..'",
                "gs://192.168.1.1           | not be an IP address",
                "gs://google-feed           | not start with 'goog' or contain 'google'",
                "gs://bucket/a//b           | empty segment",
                "gs://bucket/.hidden/x      | starting with '.'"
            })
    void aBadStoreUriIsRefusedNamingTheInputAndTheRule(String uri, String rule) {
        assertThatThrownBy(() -> GcsLocation.parse(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rule)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(uri, uri.substring(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-b_c.d", "0123456789012345678901234567890123456789012345678901234567890ab"})
    void bucketNamesWithinCloudStorageRulesAreAccepted(String bucket) {
        GcsLocation.requireValidBucket(bucket);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0123456789012345678901234567890123456789012345678901234567890abc", "a b", "ab/c", "ab\u00e9"})
    void bucketNamesOutsideCloudStorageRulesAreRefused(String bucket) {
        assertThatThrownBy(() -> GcsLocation.requireValidBucket(bucket)).hasMessageContaining("'" + bucket + "'");
    }
}
