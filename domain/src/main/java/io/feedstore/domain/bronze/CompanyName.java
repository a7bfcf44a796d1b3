package io.feedstore.domain.bronze;

import io.vavr.control.Option;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who sent a press release, as a reader would name the company. */
public final class CompanyName {

    /** Mailing services put themselves after the company: "Acme AB via Cision", "Acme on behalf of Ærø Energi". */
    private static final Pattern SENDER_SERVICE =
            Pattern.compile("\\s+(?:via|on behalf of)\\s+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern ANGLE = Pattern.compile("^(.*?)<([^<>]*)>\\s*$", Pattern.DOTALL);
    private static final Pattern PARENTHESISED = Pattern.compile("^\\s*(\\S+@\\S+)\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private CompanyName() {}

    /**
     * From a decoded From header: the display name without quotes, cut before " via " or " on behalf of " (any
     * case); without a display name, the capitalised first label of the sender's domain ({@code news@acme.se}
     * gives "Acme").
     */
    public static Option<String> fromSender(String from) {
        if (from == null) {
            return Option.none();
        }
        String display;
        String address;
        Matcher angle = ANGLE.matcher(from);
        Matcher parenthesised = PARENTHESISED.matcher(from);
        if (angle.matches()) {
            display = angle.group(1);
            address = angle.group(2);
        } else if (parenthesised.matches()) {
            display = parenthesised.group(2);
            address = parenthesised.group(1);
        } else if (from.contains("@")) {
            display = "";
            address = from;
        } else {
            display = from;
            address = "";
        }
        String name = display.replace("\"", "")
                .replace("\u201c", "")
                .replace("\u201d", "")
                .strip();
        Matcher service = SENDER_SERVICE.matcher(name);
        if (service.find()) {
            name = name.substring(0, service.start()).strip();
        }
        if (!name.isEmpty()) {
            return Option.of(name.replaceAll("\\s+", " "));
        }
        return domainLabel(address);
    }

    private static Option<String> domainLabel(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Option.none();
        }
        String domain = address.substring(at + 1).strip();
        int dot = domain.indexOf('.');
        String label = (dot < 0 ? domain : domain.substring(0, dot)).replaceAll("[^\\p{L}\\p{N}-]", "");
        if (label.isEmpty()) {
            return Option.none();
        }
        int first = label.codePointAt(0);
        return Option.of(new String(Character.toChars(Character.toTitleCase(first)))
                + label.substring(Character.charCount(first)));
    }
}
