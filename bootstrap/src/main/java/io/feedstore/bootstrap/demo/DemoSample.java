package io.feedstore.bootstrap.demo;

import io.feedstore.domain.consolidation.Deduplication;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import io.feedstore.domain.release.PressReleaseId;
import io.feedstore.domain.release.Source;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * A realistic sample for {@code feedstore demo}: a few sources, the days before today, a few hundred press releases
 * arriving in three deliveries, with re-deliveries (duplicates) and corrections (updates with a newer
 * {@code ingested_at}), plus one-row files as the older pipeline left them.
 *
 * <p>Everything about one source and date is derived from a seed of that source and date alone. The sample of a
 * partition is therefore the same whenever the demo runs, so re-running it, today or on a later day, re-delivers
 * exactly the press releases already stored, and consolidation must leave each of them stored once.
 */
public final class DemoSample {

    /** The days before today that the sample covers. */
    public static final int DAYS = 3;

    /** One ingest run's lines. */
    public record Delivery(String name, List<PressRelease> releases) {}

    private record Feed(Source source, int minPerDay, int maxPerDay) {}

    private static final List<Feed> FEEDS = List.of(
            new Feed(Source.of("gmail"), 55, 75),
            new Feed(Source.of("rss"), 60, 80),
            new Feed(Source.of("prnewswire"), 60, 85),
            // A thin feed: its partitions fall below the anomaly threshold, which the summary then shows.
            new Feed(Source.of("sec-edgar"), 5, 9));

    private record Company(String name, String ticker, String city, String industry) {}

    private static final List<Company> COMPANIES = List.of(
            new Company("Contoso Pharmaceuticals", "CTSO", "BOSTON", "biopharmaceutical"),
            new Company("Northwind Traders", "NWT", "SEATTLE", "specialty food distribution"),
            new Company("Fabrikam Robotics", "FBRK", "PITTSBURGH", "industrial automation"),
            new Company("Tailspin Aerospace", "TSPN", "WICHITA, Kan.", "aerospace components"),
            new Company("Wingtip Energy", "WTE", "HOUSTON", "renewable energy"),
            new Company("Litware Software", "LITW", "AUSTIN, Texas", "enterprise software"),
            new Company("Adventure Works Outdoor", "ADVW", "DENVER", "outdoor equipment"),
            new Company("Proseware Analytics", "PRSW", "NEW YORK", "data analytics"),
            new Company("Woodgrove Financial", "WGF", "CHARLOTTE, N.C.", "regional banking"),
            new Company("Coho Vineyards", "COHO", "NAPA, Calif.", "wine and spirits"),
            new Company("Lucerne Publishing", "LCRN", "CHICAGO", "educational publishing"),
            new Company("Trey Research", "TREY", "SAN DIEGO", "genomics research"),
            new Company("Fourth Coffee", "FRTH", "PORTLAND, Ore.", "specialty coffee"),
            new Company("Blue Yonder Airlines", "BYA", "DALLAS", "regional aviation"),
            new Company("Humongous Insurance", "HMGS", "HARTFORD, Conn.", "property and casualty insurance"),
            new Company("Wide World Importers", "WWI", "MIAMI", "consumer goods import"),
            new Company("Alpine Ski House", "ALPS", "SALT LAKE CITY", "leisure and hospitality"),
            new Company("A. Datum Corporation", "ADTM", "SAN JOSE, Calif.", "semiconductor"),
            new Company("Relecloud", "RLCD", "SAN FRANCISCO", "cloud infrastructure"),
            new Company("Südwind Energie AG", "SWEG", "MÜNCHEN", "wind power"),
            new Company("Café Lumière SA", "CAFL", "PARIS", "food and beverage"));

    private static final List<String> PEOPLE = List.of(
            "Maria Garcia",
            "James O'Connor",
            "Priya Raman",
            "Chen Wei",
            "Fatima Al-Sayed",
            "Lars Johansson",
            "Aisha Okafor",
            "Tomás Rodríguez",
            "Hannah Becker",
            "Kenji Watanabe",
            "Olivia Martin",
            "Dmitri Volkov");
    private static final List<String> ROLES =
            List.of("Financial", "Technology", "Operating", "Marketing", "Medical", "Revenue");
    private static final List<String> PRODUCTS = List.of(
            "Aurora Platform 3.0",
            "the Falcon X2 Drone",
            "SmartGrid Edge",
            "CloudVault for Healthcare",
            "the Summit All-Weather Jacket",
            "Insight AI Assistant",
            "the Nova Battery Pack",
            "ClearPath Diagnostics Kit",
            "Quantum-Safe VPN",
            "Reserve Pinot Noir 2022");
    private static final List<String> CONFERENCES = List.of(
            "J.P. Morgan Healthcare Conference",
            "Needham Growth Conference",
            "CES 2025",
            "Goldman Sachs Technology Symposium",
            "RBC Capital Markets Summit");
    private static final List<String> FILINGS = List.of(
            "8-K Current Report",
            "10-Q Quarterly Report",
            "SC 13G Beneficial Ownership",
            "S-8 Registration Statement",
            "DEF 14A Proxy Statement");
    private static final DateTimeFormatter DATELINE = DateTimeFormatter.ofPattern("MMM. d, uuuu", Locale.US);

    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final List<Delivery> deliveries;
    private final List<PressRelease> legacy;
    private final List<PressRelease> expected;
    private final int redeliveries;
    private final int updates;

    private DemoSample(
            LocalDate firstDay,
            LocalDate lastDay,
            List<Delivery> deliveries,
            List<PressRelease> legacy,
            int redeliveries,
            int updates) {
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.deliveries = List.copyOf(deliveries);
        this.legacy = List.copyOf(legacy);
        this.redeliveries = redeliveries;
        this.updates = updates;
        List<PressRelease> all = new ArrayList<>(legacy);
        deliveries.forEach(d -> all.addAll(d.releases()));
        this.expected = Deduplication.newestPerId(all).records();
    }

    /** The sample for the {@link #DAYS} days before {@code today}. */
    public static DemoSample before(LocalDate today) {
        LocalDate first = today.minusDays(DAYS);
        LocalDate last = today.minusDays(1);
        List<PressRelease> morning = new ArrayList<>();
        List<PressRelease> evening = new ArrayList<>();
        List<PressRelease> corrections = new ArrayList<>();
        List<PressRelease> legacy = new ArrayList<>();
        int redeliveries = 0;
        int updates = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Feed feed : FEEDS) {
                Random random = new Random(feed.source().value().hashCode() * 31L + day.toEpochDay());
                int count = feed.minPerDay() + random.nextInt(feed.maxPerDay() - feed.minPerDay() + 1);
                List<PressRelease> releases = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    releases.add(release(feed.source(), day, i, random));
                }
                int firstEvening = count * 3 / 5;
                morning.addAll(releases.subList(0, firstEvening));
                evening.addAll(releases.subList(firstEvening, count));
                for (PressRelease r : releases.subList(0, firstEvening)) {
                    if (random.nextInt(100) < 7) {
                        evening.add(redelivered(r, random));
                        redeliveries++;
                    }
                }
                for (PressRelease r : releases) {
                    if (random.nextInt(100) < 8) {
                        corrections.add(corrected(r, random));
                        updates++;
                    }
                }
                // One day in every DAYS, fixed by the date, so any run's window holds one such partition.
                if (feed.source().value().equals("prnewswire") && day.toEpochDay() % DAYS == 0) {
                    legacy.addAll(legacy(releases, random));
                }
            }
        }
        return new DemoSample(
                first,
                last,
                List.of(
                        new Delivery("morning delivery", morning),
                        new Delivery("evening delivery", evening),
                        new Delivery("corrections", corrections)),
                legacy,
                redeliveries,
                updates);
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public LocalDate lastDay() {
        return lastDay;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    /** Press releases the older pipeline stored as one-row Parquet files, some of them ingested again since. */
    public List<PressRelease> legacy() {
        return legacy;
    }

    /** Each press release of the sample once, in its newest version: what loading must return. */
    public List<PressRelease> expected() {
        return expected;
    }

    public List<Source> sources() {
        return FEEDS.stream().map(Feed::source).toList();
    }

    public List<Partition> partitions() {
        TreeSet<Partition> partitions = new TreeSet<>();
        expected.forEach(r -> partitions.add(r.partition()));
        return List.copyOf(partitions);
    }

    public int lines() {
        return deliveries.stream().mapToInt(d -> d.releases().size()).sum();
    }

    public int redeliveries() {
        return redeliveries;
    }

    public int updates() {
        return updates;
    }

    private static PressRelease release(Source source, LocalDate day, int index, Random random) {
        Company company = pick(COMPANIES, random);
        Company other = pick(COMPANIES, random);
        Instant released = day.atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(11 * 60 + random.nextInt(10 * 60), ChronoUnit.MINUTES);
        // Python's isoformat gave microseconds; so do these.
        Instant ingested = released.plus(2 + random.nextInt(90), ChronoUnit.MINUTES)
                .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
        String[] story = story(source, company, other, day, random);
        PressRelease.Builder builder = PressRelease.builder(
                        PressReleaseId.of(id(source, day, index, random)), source, day)
                .companyName(company.name())
                .category(story[0])
                .releaseTimestamp(released)
                .ingestedAt(ingested)
                .title(story[1])
                .fullText(story[2])
                .parserVersion(3)
                .schemaVersion(2);
        String url = url(source, day, story[1], random);
        return url == null ? builder.build() : builder.sourceUrl(url).build();
    }

    /** A feed that sends an item twice: by e-mail the very same row, by polling the same content seen later. */
    private static PressRelease redelivered(PressRelease r, Random random) {
        if (r.source().value().equals("gmail")) {
            return r;
        }
        return r.withIngestedAt(r.ingestedAt().get().plus(3 + random.nextInt(5), ChronoUnit.HOURS));
    }

    /** The publisher corrected the release; the feed re-sent it, parsed by a newer parser. */
    private static PressRelease corrected(PressRelease r, Random random) {
        String title = r.title().get();
        String text = r.fullText().get();
        return new PressRelease(
                r.id(),
                r.companyName(),
                r.category(),
                r.releaseDate(),
                r.releaseTimestamp(),
                Option.some(r.ingestedAt().get().plus(6 + random.nextInt(12), ChronoUnit.HOURS)),
                Option.some(random.nextBoolean() ? "CORRECTION: " + title : title + " (Updated)"),
                Option.some(text + "\n\nEditor's note: this release replaces the version issued"
                        + " earlier today, which contained an error in the second paragraph."),
                r.source(),
                r.sourceUrl(),
                Option.some(4),
                r.schemaVersion());
    }

    /**
     * The older pipeline stored some of the day's releases earlier, with its own parser and no timestamp, one file
     * each; a few it stored were never delivered again and exist only in its files.
     */
    private static List<PressRelease> legacy(List<PressRelease> releases, Random random) {
        List<PressRelease> old = new ArrayList<>();
        for (int i = 0; i < 10 && i * 2 < releases.size(); i++) {
            PressRelease r = releases.get(i * 2);
            old.add(new PressRelease(
                    r.id(),
                    r.companyName(),
                    r.category(),
                    r.releaseDate(),
                    Option.none(),
                    Option.some(r.ingestedAt().get().minus(1 + random.nextInt(30), ChronoUnit.MINUTES)),
                    r.title(),
                    r.fullText(),
                    r.source(),
                    r.sourceUrl(),
                    Option.some(1),
                    Option.some(1)));
        }
        PressRelease first = releases.get(0);
        for (int i = 0; i < 3; i++) {
            PressRelease r = release(first.source(), first.releaseDate(), 900 + i, random);
            old.add(new PressRelease(
                    r.id(),
                    r.companyName(),
                    r.category(),
                    r.releaseDate(),
                    Option.none(),
                    r.ingestedAt(),
                    r.title(),
                    r.fullText(),
                    r.source(),
                    r.sourceUrl(),
                    Option.some(1),
                    Option.some(1)));
        }
        return old;
    }

    private static String id(Source source, LocalDate day, int index, Random random) {
        String stamp = day.format(DateTimeFormatter.BASIC_ISO_DATE);
        return switch (source.value()) {
            case "gmail" -> String.format("gmail-%016x", random.nextLong());
            case "rss" -> "gnw-" + stamp + "-" + String.format("%05d", 10_000 + index * 7 + random.nextInt(7));
            case "prnewswire" -> "prn-" + (300_000_000L + day.toEpochDay() * 1_000 + index);
            default ->
                String.format(
                        "%010d-%s-%06d",
                        1_000_000 + random.nextInt(900_000), stamp.substring(2, 4), day.getDayOfYear() * 1_000 + index);
        };
    }

    private static String url(Source source, LocalDate day, String title, Random random) {
        String slug =
                title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-[^-]*$", "");
        }
        return switch (source.value()) {
            case "gmail" -> null;
            case "rss" ->
                String.format(
                        "https://www.globenewswire.com/news-release/%d/%02d/%02d/%d/0/en/%s.html",
                        day.getYear(),
                        day.getMonthValue(),
                        day.getDayOfMonth(),
                        2_900_000 + random.nextInt(99_999),
                        slug);
            case "prnewswire" ->
                "https://www.prnewswire.com/news-releases/" + slug + "-" + (302_000_000 + random.nextInt(999_999))
                        + ".html";
            default ->
                "https://www.sec.gov/Archives/edgar/data/" + (1_000_000 + random.nextInt(900_000)) + "/" + slug
                        + ".htm";
        };
    }

    /** Category, title and full text. */
    private static String[] story(Source source, Company c, Company other, LocalDate day, Random random) {
        String dateline = c.city() + ", " + day.format(DATELINE) + " /" + wire(source) + "/ -- " + c.name()
                + " (NASDAQ: " + c.ticker() + ") ";
        String person = pick(PEOPLE, random);
        String role = pick(ROLES, random);
        String category;
        String title;
        String body;
        if (source.value().equals("sec-edgar")) {
            String filing = pick(FILINGS, random);
            category = "Regulatory Filing";
            title = c.name() + " files " + filing;
            body = c.name() + " filed a " + filing + " with the U.S. Securities and Exchange Commission on "
                    + day.format(DATELINE) + ". The filing is available on EDGAR.";
            return new String[] {category, title, body};
        }
        switch (random.nextInt(7)) {
            case 0 -> {
                int quarter = 1 + random.nextInt(4);
                int revenue = 40 + random.nextInt(2_000);
                int growth = 2 + random.nextInt(30);
                category = "Earnings";
                title = String.format(
                        Locale.US,
                        "%s Reports %s Quarter %d Results; Revenue of $%,d Million, Up %d%%",
                        c.name(),
                        ordinal(quarter),
                        day.getYear() - (quarter == 4 ? 1 : 0),
                        revenue,
                        growth);
                body = dateline + "today reported financial results for the "
                        + ordinal(quarter).toLowerCase(Locale.US)
                        + " quarter. Revenue was $" + revenue + " million, an increase of " + growth
                        + "% year over year, and diluted earnings per share were $" + (random.nextInt(300) / 100.0)
                        + ".";
            }
            case 1 -> {
                String product = pick(PRODUCTS, random);
                category = "Product Launch";
                title = c.name() + " Launches " + product;
                body = dateline + "today announced the general availability of " + product
                        + ", which brings the company's " + c.industry() + " expertise to customers in North America"
                        + " and Europe.";
            }
            case 2 -> {
                category = "Partnership";
                title = c.name() + " and " + other.name() + " Announce Strategic Partnership";
                body = dateline + "and " + other.name() + " today announced a multi-year strategic partnership"
                        + " to combine " + c.industry() + " and " + other.industry() + " capabilities.";
            }
            case 3 -> {
                int price = 1 + random.nextInt(40);
                category = "Mergers & Acquisitions";
                title = String.format(
                        Locale.US,
                        "%s to Acquire %s for $%d.%d Billion",
                        c.name(),
                        other.name(),
                        price,
                        random.nextInt(10));
                body = dateline + "today announced a definitive agreement to acquire " + other.name()
                        + " in an all-cash transaction, subject to regulatory approval and customary closing"
                        + " conditions.";
            }
            case 4 -> {
                category = "Executive Appointment";
                title = c.name() + " Appoints " + person + " as Chief " + role + " Officer";
                body = dateline + "today announced the appointment of " + person + " as Chief " + role
                        + " Officer, effective immediately.";
            }
            case 5 -> {
                int cents = 5 + random.nextInt(90);
                category = "Dividend";
                title = String.format(
                        Locale.US, "%s Declares Quarterly Dividend of $0.%02d per Share", c.name(), cents);
                body = dateline + "today announced that its Board of Directors declared a quarterly cash dividend"
                        + " of $0." + String.format(Locale.US, "%02d", cents) + " per share, payable to shareholders"
                        + " of record at the close of business next month.";
            }
            default -> {
                String conference = pick(CONFERENCES, random);
                category = "Investor Events";
                title = c.name() + " to Present at the " + conference;
                body = dateline + "today announced that management will present at the " + conference
                        + ". A live webcast will be available on the company's investor relations website.";
            }
        }
        body += "\n\n\"We are proud of what our teams have delivered, and we are just getting started,\" said "
                + person + ", Chief " + role + " Officer of " + c.name() + "."
                + "\n\nAbout " + c.name() + "\n" + c.name() + " is a " + c.industry() + " company headquartered in "
                + c.city() + "."
                + "\n\nForward-Looking Statements\nThis press release contains forward-looking statements, which are"
                + " subject to risks and uncertainties; actual results may differ materially."
                + "\n\nContact: investors@" + c.ticker().toLowerCase(Locale.ROOT) + ".example.com";
        return new String[] {category, title, body};
    }

    private static String wire(Source source) {
        return switch (source.value()) {
            case "rss" -> "GLOBE NEWSWIRE";
            case "prnewswire" -> "PRNewswire";
            default -> "Business Wire";
        };
    }

    private static String ordinal(int quarter) {
        return List.of("First", "Second", "Third", "Fourth").get(quarter - 1);
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }
}
