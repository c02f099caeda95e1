package th.go.saraban.gateway.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/**
 * {@code saraban.push.*}: where new entries are pushed and how hard it is tried. Push is on only
 * when both the URL and the secret are set; the secret is kept here and never printed.
 */
public record PushSettings(String url, String secret, long inlineAttachmentBytes, String apiBaseUrl,
                           int maxAttempts, Duration firstRetry, Duration longestRetry, int pollSeconds,
                           Duration timeout) {

    public static PushSettings read(Function<String, Optional<String>> source) {
        Function<String, Optional<String>> value = key -> source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        String url = value.apply("saraban.push.url").orElse("");
        String secret = source.apply("saraban.push.secret").orElse("");
        if (!url.isEmpty()) {
            httpUrl("saraban.push.url", url);
            if (secret.isBlank()) {
                throw new InvalidSettingException("saraban.push.secret", "is required when saraban.push.url is set:"
                        + " the receiver checks each push's signature with it (set SARABAN_PUSH_SECRET)");
            }
            if (secret.length() < 16) {
                throw new InvalidSettingException("saraban.push.secret", "is too short: at least 16 characters"
                        + " (a random value, e.g. openssl rand -hex 32)");
            }
        }
        String apiBaseUrl = value.apply("saraban.push.api-base-url").orElse("");
        if (!apiBaseUrl.isEmpty()) {
            httpUrl("saraban.push.api-base-url", apiBaseUrl);
        }
        return new PushSettings(url, secret,
                whole(value, "saraban.push.inline-attachment-bytes", 1048576, 0),
                apiBaseUrl.replaceAll("/+$", ""),
                (int) whole(value, "saraban.push.max-attempts", 12, 1),
                Duration.ofSeconds(whole(value, "saraban.push.first-retry-seconds", 60, 1)),
                Duration.ofMinutes(whole(value, "saraban.push.longest-retry-minutes", 60, 1)),
                (int) whole(value, "saraban.push.poll-seconds", 10, 1),
                Duration.ofSeconds(whole(value, "saraban.push.timeout-seconds", 30, 1)));
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** The wait after failed attempt {@code attempt} (1, 2, ...): doubling from the first, capped. */
    public Duration delayAfter(int attempt) {
        Duration delay = firstRetry;
        for (int i = 1; i < attempt && delay.compareTo(longestRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longestRetry) > 0 ? longestRetry : delay;
    }

    /** Never the secret: for the start-up log. */
    @Override
    public String toString() {
        return enabled() ? "push to " + url + " (" + maxAttempts + " attempts, first retry after " + firstRetry
                + ", attachments inline up to " + inlineAttachmentBytes + " bytes)" : "push off";
    }

    private static void httpUrl(String key, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw new InvalidSettingException(key, "'" + url + "' is not an http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidSettingException(key, "must not carry a user name or password: the receiver"
                        + " authenticates each push by its signature");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "'" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static long whole(Function<String, Optional<String>> value, String key, long fallback, long least) {
        String text = value.apply(key).orElse(Long.toString(fallback));
        try {
            long number = Long.parseLong(text);
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(key, "'" + text + "' is not a whole number of at least " + least);
    }
}
