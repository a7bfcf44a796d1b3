package io.feedstore.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Which environment variables {@link Secrets} treats as credentials, by the shape of their names. */
class SecretsTest {

    /** The words a credential's name ends in or contains as a part of its own. */
    private static final List<String> SECRET_WORDS = List.of(
            "PASS",
            "PWD",
            "PAT",
            "API_KEY",
            "APIKEY",
            "KEY",
            "TOKEN",
            "SECRET",
            "PASSWORD",
            "PASSWD",
            "PASSPHRASE",
            "CREDENTIALS",
            "PRIVATE_KEY",
            "ACCESS_KEY",
            "AUTH",
            "SAS");

    private static final List<String> PREFIXES = List.of(
            "DB", "POSTGRES", "SMTP", "GITHUB", "GH", "OPENAI", "FEEDSTORE", "MY_APP", "REDIS", "AZURE_STORAGE", "X");
    private static final List<String> SUFFIXES = List.of("", "_FILE", "_V2", "_OLD");

    private static Gen<String> secretNames() {
        return Generate.pick(PREFIXES)
                .zip(
                        Generate.pick(SECRET_WORDS),
                        Generate.pick(SUFFIXES),
                        (prefix, word, suffix) -> prefix + "_" + word + suffix)
                .zip(Generate.booleans(), (name, lower) -> lower ? name.toLowerCase() : name);
    }

    private static Gen<String> secretValues() {
        return strings()
                .betweenCodePoints('!', '~')
                .ofLengthBetween(6, 40)
                .zip(
                        integers().between(0, 2),
                        (value, i) -> value + List.of("", "–Åsa", "鍵🔑").get(i));
    }

    @Test
    void theValueOfEveryVariableNamedLikeACredentialIsMaskedWhereverItAppears() {
        qt().withExamples(300).forAll(secretNames(), secretValues()).checkAssert((name, value) -> {
            String redacted = Secrets.of(Map.of(name, value)).redact("opening “" + value + "” failed – " + value);
            assertThat(redacted).as(name).doesNotContain(value).contains(Secrets.MASK);
        });
    }

    @Test
    void ordinaryVariablesAreNotMaskedEvenWhenTheirNamesContainASecretWordInsideAnotherWord() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin"),
                Map.entry("PWD", "/home/asa.lindqvist"),
                Map.entry("OLDPWD", "/home/asa.lindqvist/jyvaskyla"),
                Map.entry("HOME", "/home/asa.lindqvist"),
                Map.entry("JAVA_HOME", "/usr/lib/jvm/java-17"),
                Map.entry("FEEDSTORE_STORE", "file:/srv/aero-feed"),
                Map.entry("GCS_BUCKET", "press-feed-aero"),
                Map.entry("KEYBOARD_LAYOUT", "sv-latin1"),
                Map.entry("COMPASS_HEADING", "north-east"),
                Map.entry("PATTERN_FILE", "/etc/patterns"),
                Map.entry("PASSENGER_LIST", "Åsa-Lindqvist"),
                Map.entry("HOSTNAME", "jyvaskyla-01"),
                Map.entry("LANG", "sv_SE.UTF-8"));
        Secrets secrets = Secrets.of(environment);
        environment
                .values()
                .forEach(value -> assertThat(secrets.redact("at " + value + " – ok"))
                        .as(value)
                        .isEqualTo("at " + value + " – ok"));
    }
}
