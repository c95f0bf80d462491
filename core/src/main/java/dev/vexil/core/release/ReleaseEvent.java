package dev.vexil.core.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of a schedule's or a plan's own history: what happened ({@code created}, {@code applied},
 * {@code conflict}, {@code cancelled}, {@code step}, {@code paused}, ...), when, by whom, and why. The flag's own
 * history records the flag changes; these record what happened to the automation itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseEvent(Instant at, String event, String principal, String detail, Long flagVersion) {
}
