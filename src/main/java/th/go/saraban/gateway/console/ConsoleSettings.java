package th.go.saraban.gateway.console;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/** The console's keys ({@code saraban.console.*}), each with its default; a wrong value stops start-up. */
public record ConsoleSettings(boolean secureCookies, Duration sessionIdle, int signInFailuresPerUser,
        int signInFailuresPerAddress, Duration signInWindow, long maxReplyBytes) {

    public static ConsoleSettings read(Function<String, Optional<String>> source) {
        return new ConsoleSettings(
                bool(source, "saraban.console.secure-cookies", false),
                Duration.ofMinutes(number(source, "saraban.console.session-minutes", 30, 1, 12 * 60)),
                (int) number(source, "saraban.console.sign-in-failures-per-user", 5, 1, 1000),
                (int) number(source, "saraban.console.sign-in-failures-per-address", 20, 1, 100_000),
                Duration.ofMinutes(number(source, "saraban.console.sign-in-window-minutes", 15, 1, 24 * 60)),
                number(source, "saraban.console.max-reply-megabytes", 20, 1, 1024) * 1024 * 1024);
    }

    private static boolean bool(Function<String, Optional<String>> source, String key, boolean fallback) {
        String value = source.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSettingException(key, "'" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static long number(Function<String, Optional<String>> source, String key, long fallback, long min, long max) {
        String value = source.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "'" + value + "' is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(key, "'" + value + "' is not between " + min + " and " + max);
        }
        return parsed;
    }
}
