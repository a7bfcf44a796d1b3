package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRangeOptionsTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            load   | First release date. | Last release date (inclusive).
            replay | First dt.           | Last dt (inclusive).
            audit  | First date.         | Last date (inclusive).
            """)
    void eachRangeCommandSaysWhatItsDatesAreAndSharesTheSourcesOption(String command, String from, String to) {
        Cli.Run run = new Cli(temp.resolve("store")).run(command, "--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines())
                .as(run.toString())
                .anySatisfy(line -> assertThat(line).matches("\\s+--from=YYYY-MM-DD\\s+" + quoted(from)))
                .anySatisfy(line -> assertThat(line).matches("\\s+--to=YYYY-MM-DD\\s+" + quoted(to)))
                .anySatisfy(line -> assertThat(line).matches("\\s+Only these sources \\(default: all\\)\\."));
        assertThat(run.out()).contains("--from=YYYY-MM-DD", "--to=YYYY-MM-DD", "--sources=S[,S...]...");
    }

    private static String quoted(String text) {
        return Pattern.quote(text);
    }
}
