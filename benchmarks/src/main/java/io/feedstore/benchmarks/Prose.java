package io.feedstore.benchmarks;

import java.util.Random;

/**
 * Plausible press-release prose from a seeded {@link Random}: boilerplate openings and closings, sentences of
 * business vocabulary drawn with a skewed (Zipf-like) frequency, company names, titles. Compression ratios on
 * uniformly random words or on repeated text would flatter or punish a codec; this sits in between, like the real
 * feed (recurring phrases, a long tail of words).
 *
 * <p>{@link Style#TYPOGRAPHIC} text is what the feed really carries: en-dashes and curly quotes in every text,
 * Swedish, Finnish and Danish names and places, and in a share of texts a CJK passage and emoji. Such text costs a
 * Java engine more than ASCII (a String holding any character past Latin-1 is stored as UTF-16), so
 * {@link Style#ASCII} stays as a reference that shows the difference.
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

    private static final String[] TYPOGRAPHIC_CLOSINGS = {
        "This press release contains forward‑looking statements that involve risks and uncertainties – actual"
                + " results may differ materially from those expressed or implied.",
        "For more information, please visit the company’s website or contact investor relations – Åsa Lindqvist,"
                + " +46 8 555 010 00.",
        "The company undertakes no obligation to update any “forward-looking statement”, except as required by law.",
        "A conference call and webcast will be hosted for investors and analysts – details are available online."
    };

    private static final String[] NORDIC_FIRST = {
        "Ærø",
        "Jyväskylä",
        "Øresund",
        "Göta",
        "Skärgård",
        "Härnösand",
        "Tampereen",
        "Sjælland",
        "Åbo",
        "Mälar",
        "Nordljus",
        "Fjärran",
        "Själland",
        "Kärnä",
        "Växjö"
    };

    private static final String[] CITIES = {
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
    };

    private static final String[] NORDIC_CITIES = {
        "STOCKHOLM",
        "HELSINKI",
        "KØBENHAVN",
        "JYVÄSKYLÄ",
        "GÖTEBORG",
        "ÅRHUS",
        "MALMÖ",
        "TAMPERE",
        "ÆRØSKØBING",
        "UMEÅ",
        "OULU",
        "LINKÖPING"
    };

    private static final String[] NORDIC_PLACES = {
        "Jyväskylä", "Ærø", "Malmö", "Umeå", "København", "Göteborg", "Århus", "Linköping", "Växjö", "Tromsø"
    };

    private static final String[] SPOKESPEOPLE = {
        "Åsa Lindqvist", "Mikko Häkkinen", "Søren Østergaard", "Päivi Järvinen", "Björn Öberg", "Ærle Dæhlie",
        "Jörg Åkesson", "Sinikka Mäkelä", "Mette Frøstrup", "Kåre Sjöström", "Anna-Liisa Kärkkäinen", "Jens Ærebo"
    };

    private static final String[] CJK_PASSAGES = {
        "株式会社は本日、新製品の発売を発表しました。",
        "该公司今天宣布第三季度收入增长百分之十二。",
        "당사는 오늘 새로운 파트너십을 발표했습니다。",
        "東京証券取引所に上場している同社は、欧州市場への進出を加速します。",
        "本公告包含前瞻性陈述，实际结果可能存在重大差异。"
    };

    private static final String[] EMOJI = {"🚀", "📈", "✅", "🌍", "💡", "🔋", "🇸🇪", "🇫🇮", "🇩🇰"};

    /** The characters a text is written in. */
    enum Style {
        /** Typographic punctuation in every text, Nordic names and places, CJK and emoji in a share of texts. */
        TYPOGRAPHIC,
        /** Plain ASCII only: the reference against which the cost of real text shows. */
        ASCII
    }

    /** The share of typographic texts that carry a CJK passage and emoji. */
    static final double CJK_SHARE = 0.15;

    private final Random random;
    private final Style style;

    Prose(long seed) {
        this(seed, Style.TYPOGRAPHIC);
    }

    Prose(long seed, Style style) {
        this.random = new Random(seed);
        this.style = style;
    }

    private boolean typographic() {
        return style == Style.TYPOGRAPHIC;
    }

    String company() {
        String first = typographic() && random.nextInt(3) == 0 ? pick(NORDIC_FIRST) : pick(FIRST);
        return first + " " + pick(SECOND) + " " + pick(SUFFIX);
    }

    String category() {
        return pick(CATEGORIES);
    }

    String title(String company) {
        String title = company + " " + pick(TITLE_VERBS) + " " + capitalise(word()) + " " + capitalise(word()) + " "
                + capitalise(word()) + " for " + capitalise(word());
        if (!typographic()) {
            return title;
        }
        return title + " – " + capitalise(word()) + " in " + pick(NORDIC_PLACES);
    }

    /**
     * A text of {@value #MIN_TEXT} to {@value #MAX_TEXT} bytes of UTF-8 (for ASCII text, as many characters),
     * opening with the company and the date.
     */
    String fullText(String company, String city, String date) {
        int length = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT + 1);
        boolean cjk = typographic() && random.nextDouble() < CJK_SHARE;
        StringBuilder text = new StringBuilder(length + 200);
        text.append(city)
                .append(", ")
                .append(date)
                .append(typographic() ? " – " : " -- ")
                .append(company)
                .append(" today announced ");
        while (utf8Length(text) < length) {
            sentence(text);
            if (random.nextInt(6) == 0) {
                text.append("\n\n");
            }
            if (random.nextInt(12) == 0) {
                quote(text, company);
            }
            if (cjk && random.nextInt(4) == 0) {
                text.append(pick(CJK_PASSAGES)).append(' ').append(pick(EMOJI)).append(' ');
            }
        }
        if (typographic()) {
            // Every text quotes someone, whatever its length.
            StringBuilder opening = new StringBuilder();
            quote(opening, company);
            text.insert(text.indexOf(" today announced ") + " today announced ".length(), opening);
            if (cjk) {
                text.insert(text.indexOf(" today announced "), " " + pick(EMOJI));
                text.insert(text.indexOf(" today announced ") + " today announced ".length(), pick(CJK_PASSAGES) + " ");
            }
        }
        String[] closings = typographic() ? TYPOGRAPHIC_CLOSINGS : CLOSINGS;
        String closing = pick(closings);
        int closingBytes = utf8Length(closing);
        // Boilerplate that press releases repeat; it replaces the tail, keeping the length.
        if (closingBytes + 80 < length) {
            return truncate(text, length - closingBytes - 1) + " " + closing;
        }
        return truncate(text, length - 1) + ".";
    }

    /** A newer version of a text: one sentence revised near the start, the rest as before. */
    String revise(String text) {
        StringBuilder update =
                new StringBuilder(typographic() ? "(Updated – " + pick(SPOKESPEOPLE) + ") " : "(Updated) ");
        sentence(update);
        update.append(text);
        return utf8Length(update) > MAX_TEXT ? truncate(update, MAX_TEXT) : update.toString();
    }

    String city() {
        return typographic() && random.nextBoolean() ? pick(NORDIC_CITIES) : pick(CITIES);
    }

    private void quote(StringBuilder out, String company) {
        String open = typographic() ? "“" : "\"";
        String close = typographic() ? "”" : "\"";
        out.append(open).append(capitalise(word())).append(' ');
        sentence(out);
        out.setLength(out.length() - 2);
        out.append(',').append(close);
        if (typographic()) {
            out.append(" said ")
                    .append(pick(SPOKESPEOPLE))
                    .append(", chief executive officer of ")
                    .append(company)
                    .append(". ‘We’re only getting started.’ ");
        } else {
            out.append(" said the chief executive officer of ").append(company).append(". ");
        }
    }

    /** UTF-8 length of {@code text}, counted without encoding it. */
    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that splits no character. */
    static String truncate(CharSequence text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            char c = text.charAt(end);
            int width = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : 3;
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            end += width == 4 ? 2 : 1;
        }
        return text.subSequence(0, end).toString();
    }

    String slug(String title) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private void sentence(StringBuilder out) {
        int words = 8 + random.nextInt(18);
        out.append(capitalise(word()));
        for (int i = 1; i < words; i++) {
            out.append(
                            i % 9 == 0 && random.nextBoolean()
                                    ? (typographic() && random.nextInt(3) == 0 ? " – " : ", ")
                                    : " ")
                    .append(word());
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
