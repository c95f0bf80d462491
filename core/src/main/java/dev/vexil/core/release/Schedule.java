package dev.vexil.core.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduled change of one flag's configuration, as stored and as the API shows it. {@code basedOn} is the flag
 * version it was written for; {@code change} is the request's change member as given. {@code status}: pending,
 * applied, conflict, failed, cancelled, or restored (a guard undid it during its bake time).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(String id, Instant at, JsonNode change, String comment, String onConflict,
                       List<String> guards, String bakeTime, long basedOn, String status, String createdBy,
                       Instant createdAt, Long appliedVersion, Instant appliedAt, String detail,
                       List<ReleaseEvent> events) {
    public static final String KIND = "schedule";
    public static final String PENDING = "pending";
    public static final String APPLIED = "applied";
    public static final String CONFLICT = "conflict";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String RESTORED = "restored";

    public Schedule {
        guards = guards == null ? List.of() : List.copyOf(guards);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The text a flag write by this schedule carries in its comment, so a later run can recognise it. */
    public String marker() {
        return "[schedule " + id + "]";
    }

    Schedule with(String newStatus, Long version, Instant when, String why, ReleaseEvent event) {
        List<ReleaseEvent> all = new ArrayList<>(events);
        all.add(event);
        return new Schedule(id, at, change, comment, onConflict, guards, bakeTime, basedOn, newStatus, createdBy,
                createdAt, version == null ? appliedVersion : version, when == null ? appliedAt : when,
                why, all);
    }
}
