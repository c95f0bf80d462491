package dev.vexil.core.admin.service;

import dev.vexil.core.store.ChangeMeta;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * Who asks for an operation, and the comment they gave for it ({@code X-Vexil-Comment}, or a {@code comment}
 * member of a kill or rollback body). A blank comment counts as none. {@code sessionName} is the STS role session
 * name (audit only, never authorises); {@code breakGlass} says the principal is a break-glass operator
 * ({@link dev.vexil.core.admin.access.AccessPolicy}), who acts as admin in every project. {@code system} marks a
 * change Vexil makes itself once a review allowed it ({@link #asSystem}).
 */
public record Caller(String principal, String comment, String sessionName, boolean breakGlass, boolean system) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        comment = comment == null || comment.isBlank() ? null : comment.strip();
    }

    public Caller(String principal, String comment, String sessionName, boolean breakGlass) {
        this(principal, comment, sessionName, breakGlass, false);
    }

    public Caller(String principal, String comment) {
        this(principal, comment, null, false);
    }

    public static Caller of(String principal) {
        return new Caller(principal, null);
    }

    public Caller withComment(String newComment) {
        return newComment == null || newComment.isBlank() ? this
                : new Caller(principal, newComment, sessionName, breakGlass, system);
    }

    /**
     * This caller acting for Vexil itself, after a review or a guard decided the change (an applied change request,
     * a guard rollback): the one kind of caller that passes {@link ProjectGuard#requireDirectWrite}. Never made from
     * a request.
     */
    public Caller asSystem(String why) {
        return new Caller(principal, why, sessionName, breakGlass, true);
    }

    /** The change record of an operation by this caller: who, which session, break-glass or not, and why. */
    public ChangeMeta changeMeta(String action, JsonNode diff, Instant at) {
        return new ChangeMeta(principal, action, comment, diff, at, sessionName, breakGlass);
    }
}
