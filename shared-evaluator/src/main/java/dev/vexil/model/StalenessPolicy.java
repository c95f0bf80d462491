package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How a flag behaves in an SDK whose data is older than {@code maxAgeSeconds}:
 * {@code "serveLastKnown"} keeps evaluating the last snapshot (the default when no policy is set),
 * {@code "serveOff"} fails closed and serves the off variation.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StalenessPolicy(long maxAgeSeconds, String onStale) {
    public static final String SERVE_LAST_KNOWN = "serveLastKnown";
    public static final String SERVE_OFF = "serveOff";

    public boolean failsClosed() {
        return SERVE_OFF.equals(onStale);
    }
}
