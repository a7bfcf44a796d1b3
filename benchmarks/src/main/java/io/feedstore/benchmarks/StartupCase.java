package io.feedstore.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line start-up: wall time of {@code java -jar feedstore.jar --store file:<empty> consolidate --date
 * 1999-01-01} (a date with no data), next to DuckDB doing the same no-op (look for that date's files, find none)
 * in a fresh JVM, in this warm JVM, and the floor of any JVM start.
 */
final class StartupCase {

    static final String NO_DATA_DATE = "1999-01-01";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private StartupCase() {}

    static String duckdbNoopSql(Path root, String date) {
        return "SELECT count(*) FROM glob("
                + DuckDb.literal(
                        root.resolve("silver_normalized/table=press_releases/*/release_date=" + date + "/*.parquet"))
                + ")";
    }

    /** The command line of feedstore's no-op, with the class-data sharing archive when {@code archive} is set. */
    private static List<String> cliCommand(Path jar, Path store, Path archive) {
        return ChildJvm.feedstore(jar, archive, store, "consolidate", "--date", NO_DATA_DATE);
    }

    /**
     * The start-up's profile: one more run with {@code -Xlog:class+load}, its classes counted by library, and how
     * many of them the class-data sharing archive supplied (mapped, not parsed and verified).
     */
    private static String classLoading(Path jar, Path store, Path archive, Path logs) throws Exception {
        Path log = logs.resolve("startup-classes.txt");
        Files.createDirectories(logs);
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(cliCommand(jar, store, archive));
        command.add(1, "-Xlog:class+load=info:file=" + log);
        ChildJvm.Outcome outcome = ChildJvm.run(command, TIMEOUT, logs);
        if (!outcome.ok() || !Files.exists(log)) {
            return "\nClass loading could not be recorded: " + outcome.failure() + ".\n";
        }
        java.util.Map<String, int[]> byLibrary = new java.util.TreeMap<>();
        int total = 0;
        int sharedTotal = 0;
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("] ", line.indexOf("class,load"));
            if (at < 0) {
                continue;
            }
            String[] parts = line.substring(at + 2).split(" ", 2);
            String name = parts[0];
            boolean fromArchive = parts.length > 1 && parts[1].contains("shared objects file");
            String[] packages = name.split("\\.");
            String library = packages.length > 2 ? packages[0] + "." + packages[1] + "." + packages[2] : packages[0];
            if (library.startsWith("java.")
                    || library.startsWith("jdk.")
                    || library.startsWith("sun.")
                    || library.startsWith("com.sun.")) {
                library = "the JDK (java.*, jdk.*, sun.*, com.sun.*)";
            }
            int[] counts = byLibrary.computeIfAbsent(library, k -> new int[2]);
            counts[0]++;
            total++;
            if (fromArchive) {
                counts[1]++;
                sharedTotal++;
            }
        }
        List<java.util.Map.Entry<String, int[]>> largest = byLibrary.entrySet().stream()
                .sorted((a, b) -> b.getValue()[0] - a.getValue()[0])
                .limit(12)
                .toList();
        List<List<String>> table = new ArrayList<>();
        for (var entry : largest) {
            table.add(List.of(
                    "`" + entry.getKey() + "`", Report.count(entry.getValue()[0]), Report.count(entry.getValue()[1])));
        }
        return "\nWhere a start goes (one more run of the feedstore line above with `-Xlog:class+load`): "
                + Report.count(total) + " classes loaded, " + Report.count(sharedTotal)
                + " of them mapped from a class-data sharing archive (the JDK's own or feedstore's) instead of read,"
                + " parsed and verified. The libraries that load the most:\n\n"
                + Report.table(List.of("library", "classes", "from an archive"), table);
    }

    static Report.Section run(Bench bench, int runs) throws Exception {
        Path jar = bench.options.feedstoreJar().toAbsolutePath();
        Path store = bench.dir("runs/empty-store");
        Path logs = bench.work.resolve("logs");
        int n = Math.max(runs, 5);
        StringBuilder md = new StringBuilder("### Command-line start-up\n\n");
        List<Report.Row> rows = new ArrayList<>();
        List<Report.Target> targets = new ArrayList<>();

        Bench.log("start-up: the JVM floor, DuckDB cold and warm" + (Files.exists(jar) ? ", feedstore's CLI" : ""));
        List<Double> floor = new ArrayList<>();
        List<Double> duckCold = new ArrayList<>();
        List<Double> duckColdInside = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        List<Double> cliPlain = new ArrayList<>();
        Path archive = jar.resolveSibling("feedstore.jsa");
        boolean shared = Files.exists(archive);
        String cliOutcome = "";
        for (int i = -1; i < n; i++) {
            ChildJvm.Outcome nothing = ChildJvm.java(List.of(), List.of("nothing"), TIMEOUT, logs);
            ChildJvm.Outcome duck =
                    ChildJvm.java(List.of(), List.of("duckdb-noop", store.toString(), NO_DATA_DATE), TIMEOUT, logs);
            if (!duck.ok() || !duck.value("files").equals("0")) {
                throw new IllegalStateException("DuckDB's no-op failed: " + duck.failure());
            }
            ChildJvm.Outcome feedstore = null;
            ChildJvm.Outcome plain = null;
            if (Files.exists(jar)) {
                plain = ChildJvm.run(cliCommand(jar, store, null), TIMEOUT, logs);
                feedstore = shared ? ChildJvm.run(cliCommand(jar, store, archive), TIMEOUT, logs) : plain;
                cliOutcome = "exit code " + feedstore.exitCode()
                        + (feedstore.stdout().isBlank()
                                ? ""
                                : ", stdout: `"
                                        + feedstore
                                                .stdout()
                                                .strip()
                                                .lines()
                                                .findFirst()
                                                .orElse("") + "`");
            }
            if (i >= 0) {
                floor.add(nothing.wallSeconds());
                duckCold.add(duck.wallSeconds());
                duckColdInside.add(Double.parseDouble(duck.value("seconds")));
                if (feedstore != null) {
                    cli.add(feedstore.wallSeconds());
                    cliPlain.add(plain.wallSeconds());
                }
            }
        }
        Measurement.Series warm = Measurement.repeat("DuckDB warm", 1, n, run -> {
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(duckdbNoopSql(store, NO_DATA_DATE))) {
                result.next();
            }
        });

        double floorMedian = Measurement.median(floor);
        double duckColdMedian = Measurement.median(duckCold);
        double cliMedian = Measurement.median(cli);
        if (!cli.isEmpty()) {
            boolean met = cliMedian <= duckColdMedian;
            rows.add(new Report.Row(
                    "Start-up: `consolidate --date " + NO_DATA_DATE + "` (no data), fresh JVM"
                            + (shared ? ", class-data sharing archive" : ", **no class-data sharing archive**"),
                    Report.seconds(cliMedian),
                    Report.seconds(duckColdMedian) + " (fresh JVM: driver + connect + glob)",
                    Report.ratio(cliMedian / duckColdMedian),
                    Report.verdict(met)));
            targets.add(new Report.Target(
                    "Start-up of `feedstore consolidate --date <no data>` ≤ DuckDB's no-op in a fresh JVM",
                    Report.seconds(cliMedian) + " vs " + Report.seconds(duckColdMedian) + ", "
                            + Report.ratio(cliMedian / duckColdMedian),
                    met));
        } else {
            rows.add(new Report.Row(
                    "Start-up (feedstore's CLI)",
                    "not measured: " + jar + " missing",
                    Report.seconds(duckColdMedian),
                    "n/a",
                    "n/a"));
        }
        md.append("Medians of ")
                .append(n)
                .append(" runs after one warm-up (disk cache), wall time seen by the")
                .append(" parent process:\n\n");
        List<List<String>> table = new ArrayList<>();
        if (!cli.isEmpty()) {
            if (shared) {
                table.add(List.of(
                        "feedstore as `./feedstore` and the container run it: `java -XX:SharedArchiveFile="
                                + "bootstrap/target/feedstore.jsa -Xlog:cds=off -Xlog:cds+dynamic=off "
                                + String.join(" ", ChildJvm.launcherOptions("consolidate")) + " -jar"
                                + " bootstrap/target/feedstore.jar --store file:<empty dir> consolidate --date "
                                + NO_DATA_DATE + "`",
                        Report.seconds(cliMedian),
                        cliOutcome));
            }
            table.add(List.of(
                    "feedstore without the archive: `java " + String.join(" ", ChildJvm.launcherOptions("consolidate"))
                            + " -jar bootstrap/target/feedstore.jar --store file:<empty dir>"
                            + " consolidate --date " + NO_DATA_DATE + "`",
                    Report.seconds(Measurement.median(cliPlain)),
                    shared ? "" : cliOutcome + "; no archive at " + archive + ": run `./feedstore --version` once"));
        } else {
            table.add(List.of(
                    "feedstore CLI",
                    "not measured",
                    jar + " is missing; build it with" + " `./mvnw -q -B -DskipTests -pl bootstrap -am package`"));
        }
        table.add(List.of(
                "DuckDB no-op in a fresh JVM (load the driver, connect in memory, glob the date's files,"
                        + " find none; same JVM options as the line above)",
                Report.seconds(duckColdMedian),
                "of which inside main: " + Report.seconds(Measurement.median(duckColdInside))));
        table.add(List.of(
                "DuckDB no-op in this warm JVM (connect + glob + close)",
                Report.seconds(warm.medianSeconds()),
                "in-process, driver already loaded"));
        table.add(List.of(
                "JVM floor: a fresh JVM running an empty main on the benchmark's class path",
                Report.seconds(floorMedian),
                ""));
        md.append(Report.table(List.of("what", "median wall time", "note"), table));
        if (Files.exists(jar)) {
            md.append(classLoading(jar, store, shared ? archive : null, logs));
        }
        return new Report.Section(rows, targets, md.toString());
    }
}
