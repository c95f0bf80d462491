package dev.vexil.core.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** At most {@code writes} admin writes per principal in each fixed {@code window}. */
public record RateLimit(int writes, Duration window) {
    /** 60 writes a minute: a script may burst all 60 at once, then waits for the next minute. */
    public static final RateLimit DEFAULT = new RateLimit(60, Duration.ofMinutes(1));

    private static final Pattern SPEC = Pattern.compile("(\\d+)/(\\d+)s");

    public RateLimit {
        if (writes < 1) {
            throw new IllegalArgumentException("a write rate limit allows at least 1 write, not " + writes);
        }
        if (window.toSeconds() < 1 || !window.equals(Duration.ofSeconds(window.toSeconds()))) {
            throw new IllegalArgumentException("a write rate limit's window is a whole number of seconds, at least 1");
        }
    }

    /** {@code <writes>/<seconds>s}, e.g. {@code 60/60s}; null or blank: {@link #DEFAULT}. */
    public static RateLimit parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        Matcher matcher = SPEC.matcher(spec.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("write rate limit \"" + spec.strip()
                    + "\": expected <writes>/<seconds>s, e.g. 60/60s");
        }
        try {
            return new RateLimit(Integer.parseInt(matcher.group(1)), Duration.ofSeconds(Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("write rate limit \"" + spec.strip() + "\": number too large", e);
        }
    }

    /** The start (epoch second) of the window that holds {@code epochSecond}. */
    public long windowStart(long epochSecond) {
        return Math.floorDiv(epochSecond, window.toSeconds()) * window.toSeconds();
    }

    /** Whole seconds from {@code epochSecond} until the next window opens (at least 1, as {@code Retry-After}). */
    public long secondsUntilNextWindow(long epochSecond) {
        return Math.max(1, windowStart(epochSecond) + window.toSeconds() - epochSecond);
    }

    @Override
    public String toString() {
        return writes + "/" + window.toSeconds() + "s";
    }
}
