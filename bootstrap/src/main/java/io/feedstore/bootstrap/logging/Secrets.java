package io.feedstore.bootstrap.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything feedstore prints: the user and password part of any URL
 * ({@code scheme://user:token@host}), credential-like query parameters, and the value of every environment variable
 * whose name says it holds a secret ({@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}, {@code *CREDENTIALS*},
 * {@code *_KEY}, {@code *_API_KEY}, {@code *_PASS}, {@code *_PWD}, {@code *_PAT}, ...). Every log line and every error line goes through {@link #redact}; messages are also built
 * not to carry such values in the first place, so this is the safety net, not the plan.
 */
public final class Secrets {

    public static final String MASK = "***";

    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s'\"]+@");
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "(?i)([?&](?:access_token|token|key|api_key|apikey|sig|signature|password|secret|credential)=)[^&\\s'\"]+");
    /**
     * Words that say "secret" anywhere in a name, and short ones ({@code PASS}, {@code PWD}, {@code PAT},
     * {@code KEY}, {@code SAS}) only as a whole part after another ({@code DB_PASS}, {@code GH_PAT_FILE}): alone or
     * inside a word they are ordinary ({@code PWD}, {@code PATH}, {@code KEYBOARD_LAYOUT}).
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH).*"
                    + "|.+_(PASS|PWD|PAT|KEY|SAS)(_.*)?");
    /** Shorter values would mask ordinary words. */
    private static final int MIN_SECRET_LENGTH = 6;

    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** The secrets of an environment: the values of variables named like credentials. */
    public static Secrets of(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        List<String> values = environment.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
                .map(Map.Entry::getValue)
                .filter(v -> v != null && v.trim().length() >= MIN_SECRET_LENGTH)
                .map(String::trim)
                .distinct()
                // Longest first, so that a secret containing another is masked whole.
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new Secrets(values);
    }

    /** Only the URL rules, for code that has no environment at hand. */
    public static Secrets none() {
        return NONE;
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll(MASK + "@");
        result = SECRET_QUERY.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        return result;
    }
}
