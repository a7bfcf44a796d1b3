package io.feedstore.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.adapters.gcs.GcsSettings;
import io.feedstore.bootstrap.errors.ExitCode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README is the operator's manual: its configuration and exit-code tables must say what the code does. */
class ReadmeTest {

    private static List<String> section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int start = lines.indexOf(heading);
        assertThat(start).as("README has a section " + heading).isNotNegative();
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    @Test
    void theConfigurationTableListsEverySettingWithItsFlagVariableAndDefault() throws IOException {
        List<String> rows = section("## Configuration").stream()
                .filter(l -> l.startsWith("| "))
                .toList();

        assertThat(Setting.values()).allSatisfy(setting -> {
            List<String> row = rows.stream()
                    .filter(r -> r.contains("| `" + setting.variable() + "` |"))
                    .toList();
            assertThat(row).as("the row of " + setting.variable()).hasSize(1);
            // Cells split on the table's pipes, not on escaped ones (text\\|json).
            String[] cells = Arrays.stream(row.get(0).split("(?<!\\\\)\\|"))
                    .map(String::trim)
                    .toArray(String[]::new);
            if (setting.flag() == null) {
                assertThat(cells[2]).as(setting + " has no flag").isEmpty();
            } else {
                assertThat(cells[2]).as(setting + " flag").startsWith("`").contains(setting.flag() + " ");
            }
            assertThat(cells[4]).as(setting + " default").isEqualTo(setting.defaultText());
        });
    }

    /** The GCS defaults are the adapter's; the README must not drift from them. */
    @Test
    void theDocumentedGcsDefaultsAreTheAdaptersDefaults() {
        GcsSettings defaults = GcsSettings.defaults();

        assertThat(Setting.GCS_CONCURRENCY.defaultText()).isEqualTo("`" + defaults.maxConcurrentRequests() + "`");
        assertThat(Settings.duration(strip(Setting.GCS_CONNECT_TIMEOUT))).isEqualTo(defaults.connectTimeout());
        assertThat(Settings.duration(strip(Setting.GCS_READ_TIMEOUT))).isEqualTo(defaults.readTimeout());
        assertThat(Settings.duration(strip(Setting.GCS_RETRY_TIMEOUT))).isEqualTo(defaults.totalRetryTime());
        assertThat(Settings.duration(strip(Setting.GCS_RETRY_DELAY))).isEqualTo(defaults.initialRetryDelay());
        assertThat(Setting.GCS_MAX_ATTEMPTS.defaultText()).isEqualTo("`" + defaults.maxAttempts() + "`");
    }

    private static String strip(Setting setting) {
        return setting.defaultText().replace("`", "");
    }

    @Test
    void theExitCodeTableListsExactlyTheExitCodesTheCommandLineUses() throws Exception {
        List<Integer> documented = section("## Exit codes").stream()
                .filter(l -> l.matches("\\| \\d+ \\|.*"))
                .map(l -> Integer.parseInt(l.split(" ")[1]))
                .toList();
        List<Integer> defined = new ArrayList<>();
        for (Field field : ExitCode.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                field.setAccessible(true);
                defined.add(field.getInt(null));
            }
        }

        assertThat(documented)
                .containsExactlyElementsOf(defined.stream().sorted().toList())
                .containsExactly(0, 1, 2);
        assertThat(Arrays.asList(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE)).containsExactly(0, 1, 2);
    }
}
