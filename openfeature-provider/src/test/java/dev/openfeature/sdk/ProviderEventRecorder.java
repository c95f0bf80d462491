package dev.openfeature.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a provider emits, exactly as it emits it. The OpenFeature Java SDK 1.22 copies neither the error
 * code nor anything else but name, message, flags and metadata into the {@code EventDetails} its handlers get, so
 * a test of what the provider itself puts in {@code ProviderEventDetails} (requirement 5.1.5) must listen at the
 * provider. The hook for that is package-private, hence this class's package. For providers not registered with
 * the API (registering replaces this listener).
 */
public final class ProviderEventRecorder {
    /** One emitted event. */
    public record Emitted(ProviderEvent event, ProviderEventDetails details) {
    }

    private final List<Emitted> emitted = new CopyOnWriteArrayList<>();

    public ProviderEventRecorder(EventProvider provider) {
        provider.setEventProviderListener((event, details) -> emitted.add(new Emitted(event, details)));
    }

    public List<Emitted> emitted() {
        return emitted;
    }
}
