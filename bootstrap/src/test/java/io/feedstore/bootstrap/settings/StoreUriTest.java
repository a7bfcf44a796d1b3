package io.feedstore.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.bootstrap.errors.FeedstoreError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreUriTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            file:./feedstore-data          | file | ./feedstore-data
            file:data                      | file | data
            file:/srv/feed                 | file | /srv/feed
            file:///srv/feed               | file | /srv/feed
            file://localhost/srv/feed      | file | /srv/feed
            FILE:/srv/feed                 | file | /srv/feed
            gs://bucket/prefix             | gs   | //bucket/prefix
            """)
    void aStoreUriNamesItsSchemeAndLocation(String text, String scheme, String location) {
        StoreUri uri = StoreUri.parse(text);

        assertThat(uri.scheme()).isEqualTo(scheme);
        assertThat(uri.location()).isEqualTo(location);
        assertThat(uri).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/feed", "feedstore-data", "C:\\data", "file:", "file://otherhost/srv/feed", ":x"})
    void anythingElseIsAConfigurationErrorQuotingTheStore(String text) {
        assertThatThrownBy(() -> StoreUri.parse(text))
                .isInstanceOfSatisfying(
                        FeedstoreError.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("'" + text + "'");
    }
}
