package io.feedstore.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every production package says in one line what it is for, so a reader finds the consolidation rules by opening
 * {@code domain} and the GCS calls by opening {@code adapters-gcs}: a package without a {@code package-info.java}
 * fails the build.
 */
class PackageDocumentationTest {

    /** The repository root: this module's parent folder (Maven runs tests in the module's folder). */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyProductionPackageHasAOneLinePackageInfo() throws IOException {
        List<Path> packages = productionPackages();
        assertThat(packages).as("production packages found under " + ROOT).isNotEmpty();
        assertThat(packages).allSatisfy(folder -> {
            Path info = folder.resolve("package-info.java");
            assertThat(info)
                    .as(ROOT.relativize(folder) + " has a package-info.java")
                    .exists();
            assertThat(Files.readString(info))
                    .as(ROOT.relativize(info) + " has a Javadoc line")
                    .contains("/** ");
        });
    }

    /** Folders under some module's {@code src/main/java} that hold Java sources. */
    private static List<Path> productionPackages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> ROOT.relativize(p).toString().contains("src/main/java/"))
                    .filter(p -> !ROOT.relativize(p).startsWith(".git"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }
}
