package io.feedstore.benchmarks;

import java.util.Random;

/**
 * Plausible press-release prose from a seeded {@link Random}: boilerplate openings and closings, sentences of
 * business vocabulary drawn with a skewed (Zipf-like) frequency, company names, titles. Compression ratios on
 * uniformly random words or on repeated text would flatter or punish a codec; this sits in between, like the real
 * feed (recurring phrases, a long tail of words).
 */
final class Prose {

    static final int MIN_TEXT = 512;
    static final int MAX_TEXT = 4096;

    private static final String[] WORDS = ("""
            the of and to in a for on with as by is at from that will its this our be are which an has have
            company announced today new results quarter year growth revenue customers market global industry
            products services solutions platform technology financial operating business million billion percent
            compared period increase increased net income share shares per diluted earnings strategic partnership
            agreement acquisition completed expects expected continue continued strong demand team leading provider
            innovative digital data cloud software security energy health care patients clinical trial phase study
            results approval regulatory investors board directors chief executive officer president said commented
            statement forward-looking risks uncertainties actual differ materially factors including limited
            management believes performance cash flow balance sheet debt capital investment investments fiscal
            guidance outlook full second third fourth first half record sales gross margin adjusted operating
            expenses research development program programs launch launched available worldwide europe americas asia
            pacific north america region regional offices employees people communities sustainability environmental
            emissions renewable solar wind battery storage grid infrastructure network networks mobile devices users
            subscribers enterprise enterprises small medium businesses partners ecosystem integration integrated
            artificial intelligence machine learning analytics automation manufacturing supply chain logistics
            retail consumer consumers brand brands portfolio pipeline milestone milestones achieved achieve deliver
            delivering delivered value shareholders dividend quarterly payable record date holders common stock
            offering priced underwritten public private placement proceeds general corporate purposes working
            appointment appointed joins experience previously served senior vice head officer finance operations
            marketing sales engineering product products legal counsel general secretary chairman independent
            conference call webcast presentation event events hosted host participate register website visit
            information additional details contact media relations investor relations available upon request
            building buildings project projects construction site sites facility facilities capacity production
            expand expansion expanding across multiple markets key strategy strategies focus focused focusing
            customer experience quality safety efficiency efficient costs cost savings reduction reduce reduced
            award awarded recognized recognition named ranked list top best leader leaders leadership innovation
            award-winning trusted secure scalable flexible open standard standards compliance compliant certified
            certification patent patents license licensed licensing royalty royalties collaboration collaborate
            university institute research researchers scientists science medical device devices diagnostic
            treatment therapy therapies disease diseases cancer oncology rare genetic vaccine vaccines dose doses
            bank banking payments payment lending loans credit insurance asset assets wealth fund funds portfolio
            real estate property properties residential commercial office lease leasing tenants occupancy rent
            oil gas exploration mining gold copper lithium reserves resources drilling well wells acres tonnes
            transportation aviation airline airlines aircraft automotive vehicle vehicles electric charging fleet
            media entertainment streaming content games gaming studio studios audience audiences season series
            food beverage restaurant restaurants stores store locations franchise franchises menu ingredients
            education students schools learning training skills workforce jobs hiring talent culture diversity
            inclusion governance ethics responsible responsibly transparency transparent report reports reporting
            """).trim().split("\\s+");

    private static final String[] FIRST = {
        "Northwind",
        "Bluebird",
        "Apex",
        "Crescent",
        "Summit",
        "Harbor",
        "Granite",
        "Silverline",
        "Evergreen",
        "Redwood",
        "Meridian",
        "Pioneer",
        "Atlas",
        "Beacon",
        "Cobalt",
        "Horizon",
        "Keystone",
        "Lakeside",
        "Maple",
        "Orion",
        "Quantum",
        "Riverbend",
        "Sterling",
        "Vertex",
        "Westfield",
        "Zenith",
        "Ironwood",
        "Clearwater",
        "Falcon",
        "Juniper"
    };
    private static final String[] SECOND = {
        "Energy",
        "Therapeutics",
        "Holdings",
        "Systems",
        "Capital",
        "Networks",
        "Biosciences",
        "Logistics",
        "Minerals",
        "Software",
        "Foods",
        "Motors",
        "Health",
        "Media",
        "Financial",
        "Semiconductor",
        "Robotics",
        "Pharma",
        "Realty",
        "Analytics"
    };
    private static final String[] SUFFIX = {"Inc.", "Corp.", "Ltd.", "plc", "AG", "SA", "N.V.", "LLC", "Group"};
    static final String[] CATEGORIES = {
        "earnings",
        "mergers-acquisitions",
        "product-launch",
        "partnership",
        "personnel",
        "dividend",
        "clinical",
        "regulatory",
        "financing",
        "sustainability",
        "award",
        "events"
    };
    private static final String[] TITLE_VERBS = {
        "Announces",
        "Reports",
        "Launches",
        "Completes",
        "Appoints",
        "Expands",
        "Declares",
        "Receives",
        "Partners with",
        "Unveils",
        "Prices",
        "Achieves"
    };
    private static final String[] CLOSINGS = {
        "This press release contains forward-looking statements that involve risks and uncertainties; actual"
                + " results may differ materially from those expressed or implied.",
        "For more information, please visit the company's website or contact investor relations.",
        "The company undertakes no obligation to update any forward-looking statement, except as required by law.",
        "A conference call and webcast will be hosted for investors and analysts; details are available online."
    };

    private final Random random;

    Prose(long seed) {
        this.random = new Random(seed);
    }

    String company() {
        return pick(FIRST) + " " + pick(SECOND) + " " + pick(SUFFIX);
    }

    String category() {
        return pick(CATEGORIES);
    }

    String title(String company) {
        return company + " " + pick(TITLE_VERBS) + " " + capitalise(word()) + " " + capitalise(word()) + " "
                + capitalise(word()) + " for " + capitalise(word());
    }

    /** A text of {@value #MIN_TEXT} to {@value #MAX_TEXT} characters, opening with the company and the date. */
    String fullText(String company, String city, String date) {
        int length = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT + 1);
        StringBuilder text = new StringBuilder(length + 200);
        text.append(city)
                .append(", ")
                .append(date)
                .append(" -- ")
                .append(company)
                .append(" today announced ");
        while (text.length() < length) {
            sentence(text);
            if (random.nextInt(6) == 0) {
                text.append("\n\n");
            }
            if (random.nextInt(12) == 0) {
                text.append('"').append(capitalise(word())).append(' ');
                sentence(text);
                text.append("\" said the chief executive officer of ")
                        .append(company)
                        .append(". ");
            }
        }
        text.setLength(length - 1);
        text.append('.');
        // Boilerplate that press releases repeat; it may replace the tail, keeping the length.
        String closing = pick(CLOSINGS);
        if (closing.length() + 80 < length) {
            text.replace(length - closing.length(), length, closing);
        }
        return text.toString();
    }

    /** A newer version of a text: one sentence revised near the start, the rest as before. */
    String revise(String text) {
        StringBuilder update = new StringBuilder("(Updated) ");
        sentence(update);
        String revised = update + text;
        return revised.length() > MAX_TEXT ? revised.substring(0, MAX_TEXT) : revised;
    }

    String city() {
        return pick(new String[] {
            "NEW YORK",
            "LONDON",
            "SAN FRANCISCO",
            "TORONTO",
            "BOSTON",
            "FRANKFURT",
            "PARIS",
            "SINGAPORE",
            "SYDNEY",
            "CHICAGO",
            "ZURICH",
            "TOKYO"
        });
    }

    String slug(String title) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private void sentence(StringBuilder out) {
        int words = 8 + random.nextInt(18);
        out.append(capitalise(word()));
        for (int i = 1; i < words; i++) {
            out.append(i % 9 == 0 && random.nextBoolean() ? ", " : " ").append(word());
            if (random.nextInt(40) == 0) {
                out.append(' ').append(random.nextInt(1000)).append(random.nextBoolean() ? " percent" : " million");
            }
        }
        out.append(". ");
    }

    /** Frequent words first: squaring a uniform draw gives the skew of natural text. */
    private String word() {
        double u = random.nextDouble();
        return WORDS[(int) (WORDS.length * u * u)];
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
