package dev.vexil.core.admin.service;

import java.util.Objects;

/**
 * Who asks for an operation, and the comment they gave for it ({@code X-Vexil-Comment}, or a {@code comment}
 * member of a kill or rollback body). A blank comment counts as none.
 */
public record Caller(String principal, String comment) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        comment = comment == null || comment.isBlank() ? null : comment.strip();
    }

    public static Caller of(String principal) {
        return new Caller(principal, null);
    }

    public Caller withComment(String newComment) {
        return newComment == null || newComment.isBlank() ? this : new Caller(principal, newComment);
    }
}
