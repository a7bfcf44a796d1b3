package io.feedstore.adapters.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.retrying.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings fail fast on nonsense, read the older jobs' environment, and reach the client as configured. */
class GcsSettingsTest {

    @Test
    void theDefaultsBoundAFailingCallToWellUnderAMinute() {
        GcsSettings defaults = GcsSettings.defaults();

        Duration worstCase =
                defaults.totalRetryTime().plus(defaults.connectTimeout()).plus(defaults.readTimeout());

        assertThat(worstCase).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.maxAttempts()).isGreaterThan(1);
        assertThat(defaults.emulatorHost().isEmpty()).isTrue();
    }

    @Test
    void theEnvironmentGivesTheProjectAndTheEmulatorWithOrWithoutScheme() {
        GcsSettings settings = GcsSettings.fromEnvironment(
                Map.of("PROJECT_ID", "my-project", "STORAGE_EMULATOR_HOST", "127.0.0.1:4443"));

        assertThat(settings.projectId().get()).isEqualTo("my-project");
        assertThat(settings.emulatorHost().get()).isEqualTo(URI.create("http://127.0.0.1:4443"));
        assertThat(GcsSettings.fromEnvironment(Map.of("STORAGE_EMULATOR_HOST", "http://localhost:9023/"))
                        .emulatorHost()
                        .get())
                .isEqualTo(URI.create("http://localhost:9023"));
        assertThat(GcsSettings.fromEnvironment(Map.of()).projectId().isEmpty()).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefusedNamingTheSetting() {
        GcsSettings defaults = GcsSettings.defaults();

        assertThatThrownBy(() -> defaults.withRetries(Duration.ZERO, Duration.ofSeconds(1), 3))
                .hasMessageContaining("totalRetryTime");
        assertThatThrownBy(() -> defaults.withRetries(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> defaults.withMaxConcurrentRequests(0)).hasMessageContaining("maxConcurrentRequests");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> GcsSettings.fromEnvironment(Map.of("STORAGE_EMULATOR_HOST", "http://host:1/path")))
                .hasMessageContaining("STORAGE_EMULATOR_HOST");
        assertThatThrownBy(() -> defaults.withProjectId(" ")).hasMessageContaining("project");
    }

    @Test
    void theRetrySettingsGivenToTheClientAreTheConfiguredOnes() {
        RetrySettings retry = GcsObjectStores.retrySettings(
                GcsSettings.defaults().withRetries(Duration.ofSeconds(7), Duration.ofMillis(250), 4));

        assertThat(retry.getTotalTimeoutDuration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(retry.getInitialRetryDelayDuration()).isEqualTo(Duration.ofMillis(250));
        assertThat(retry.getMaxAttempts()).isEqualTo(4);
        assertThat(retry.getMaxRetryDelayDuration()).isLessThanOrEqualTo(Duration.ofSeconds(7));
    }
}
