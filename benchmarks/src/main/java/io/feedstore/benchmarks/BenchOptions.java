package io.feedstore.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The command line of the harness; see {@link #USAGE}. */
record BenchOptions(
        Sizes sizes,
        int runs,
        int bigRuns,
        int warmups,
        Set<Integer> cases,
        boolean memory,
        boolean profile,
        boolean startup,
        List<String> heaps,
        String childHeap,
        Path results,
        Path work,
        boolean keepWork,
        Path feedstoreJar,
        long seed,
        boolean quiet,
        List<String> arguments,
        int backfillDays) {

    static final String USAGE = """
            usage: feedstore-bench [options]
              --quick            large cases at 1/10 of the full sizes, 3 runs (minutes, not an hour)
              --scale F          large cases at F times the full sizes (default 1)
              --tiny             the smoke test's sizes (seconds)
              --runs N           measured runs per case (default 5)
              --big-runs N       measured runs of cases 3 and 6 (default 3)
              --warmups N        warm-up rounds before each case (default 1)
              --cases 1,2,...    only these cases (default all: 1-10)
              --backfill-days N  days of the year that case 8 backfills (default: the whole year); the report
                                 states how many, and the year's figures are per file times the year's files
              --no-memory        skip the bounded-memory check (case 3 in a child JVM, -Xmx256m and up)
              --no-profile       skip the JFR profiles
              --no-startup       skip the command-line start-up figure
              --heaps LIST       heap limits tried for case 3 (default 256m,1g,2g,4g,6g,8g,12g)
              --child-heap SIZE  heap of the profiled child JVMs (default 12g)
              --results FILE     where to write the results (default benchmarks/RESULTS.md)
              --work DIR         scratch directory for generated data (default: a new temporary directory)
              --keep             keep the scratch directory
              --feedstore-jar F  the runnable jar for the start-up figure (default bootstrap/target/feedstore.jar)
              --seed N           data generator seed (default 20250101)
              --quiet            no progress lines on stderr
            """;

    static BenchOptions parse(String... args) {
        Sizes sizes = Sizes.full();
        int runs = 5;
        int bigRuns = 3;
        int warmups = 1;
        Set<Integer> cases = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        boolean memory = true;
        boolean profile = true;
        boolean startup = true;
        List<String> heaps = List.of("256m", "1g", "2g", "4g", "6g", "8g", "12g");
        String childHeap = "12g";
        Path results = Path.of("benchmarks", "RESULTS.md");
        Path work = null;
        boolean keep = false;
        Path jar = Path.of("bootstrap", "target", "feedstore.jar");
        long seed = 20250101L;
        boolean quick = false;
        boolean quiet = false;
        int backfillDays = 0;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--quick" -> {
                    sizes = Sizes.scaled(0.1);
                    quick = true;
                }
                case "--scale" -> sizes = Sizes.scaled(Double.parseDouble(value(option, rest)));
                case "--tiny" -> sizes = Sizes.tiny();
                case "--runs" -> runs = positive(option, value(option, rest));
                case "--big-runs" -> bigRuns = positive(option, value(option, rest));
                case "--warmups" -> warmups = Integer.parseInt(value(option, rest));
                case "--cases" -> {
                    cases = new TreeSet<>();
                    for (String c : value(option, rest).split(",")) {
                        cases.add(Integer.parseInt(c.trim()));
                    }
                }
                case "--no-memory" -> memory = false;
                case "--no-profile" -> profile = false;
                case "--no-startup" -> startup = false;
                case "--heaps" -> heaps = List.of(value(option, rest).split(","));
                case "--child-heap" -> childHeap = value(option, rest);
                case "--results" -> results = Path.of(value(option, rest));
                case "--work" -> work = Path.of(value(option, rest));
                case "--keep" -> keep = true;
                case "--feedstore-jar" -> jar = Path.of(value(option, rest));
                case "--seed" -> seed = Long.parseLong(value(option, rest));
                case "--quiet" -> quiet = true;
                case "--backfill-days" -> backfillDays = positive(option, value(option, rest));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (quick) {
            runs = Math.min(runs, 3);
            bigRuns = Math.min(bigRuns, 3);
        }
        return new BenchOptions(
                sizes,
                runs,
                bigRuns,
                warmups,
                cases,
                memory,
                profile,
                startup,
                heaps,
                childHeap,
                results,
                work,
                keep,
                jar,
                seed,
                quiet,
                List.of(args),
                backfillDays);
    }

    boolean runs(int number) {
        return cases.contains(number);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + n);
        }
        return n;
    }
}
