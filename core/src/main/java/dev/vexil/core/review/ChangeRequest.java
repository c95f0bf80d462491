package dev.vexil.core.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A proposal of one or more changes to a protected environment, and its review (docs/change-requests.md). Stored as
 * one JSON document per version; instants are ISO-8601 text. {@code intent} is set while an apply is under way: the writes it will make, so
 * that a crashed apply can be finished (rolled forward) by the next attempt or read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeRequest(String id, String title, String description, String author, State state,
                            List<ProposedChange> changes, List<Review> reviews, String applyAt, String createdAt,
                            ApplyIntent intent, String outcome) {

    public ChangeRequest {
        changes = changes == null ? List.of() : List.copyOf(changes);
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
    }

    /** The life of a request: open → approved → applied, or rejected, withdrawn or stale. */
    public enum State {
        OPEN, APPROVED, APPLYING, APPLIED, REJECTED, WITHDRAWN, STALE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean closed() {
            return this == APPLIED || this == REJECTED || this == WITHDRAWN;
        }
    }

    public enum Decision {
        APPROVE, REJECT;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One review; {@code voided} once the request was edited or rebased after it (kept, with its comment). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(String principal, Decision decision, String comment, String at, boolean voided) {
    }

    /** The principals of the approvals that still count, in the order they were given. */
    public List<String> approvers() {
        List<String> approvers = new ArrayList<>();
        for (Review review : reviews) {
            if (!review.voided() && review.decision() == Decision.APPROVE && !approvers.contains(review.principal())) {
                approvers.add(review.principal());
            }
        }
        return approvers;
    }

    public ChangeRequest with(State newState, List<ProposedChange> newChanges, List<Review> newReviews,
                              ApplyIntent newIntent, String newOutcome) {
        return new ChangeRequest(id, title, description, author, newState, newChanges, newReviews, applyAt,
                createdAt, newIntent, newOutcome);
    }

    public ChangeRequest withState(State newState, String newOutcome) {
        return with(newState, changes, reviews, null, newOutcome);
    }

    /** Every review kept, approvals voided. */
    public List<Review> voidedReviews() {
        return reviews.stream().map(r -> r.decision() == Decision.APPROVE && !r.voided()
                ? new Review(r.principal(), r.decision(), r.comment(), r.at(), true) : r).toList();
    }

    /** Whether any change targets flag {@code flagKey}. */
    public boolean touchesFlag(String flagKey) {
        return changes.stream().anyMatch(c -> flagKey.equals(c.flag()));
    }
}
