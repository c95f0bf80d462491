package dev.vexil.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One change of a resource, as recorded by the version item it wrote. */
public record HistoryEntry<T>(long version, Instant at, String principal, String action, String comment,
                              JsonNode diff, T content) {
}
