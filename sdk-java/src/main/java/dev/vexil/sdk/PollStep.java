package dev.vexil.sdk;

import dev.vexil.model.Snapshot;
import dev.vexil.wire.KillList;
import java.time.Duration;

/** The outcome of one request of a poll cycle, classified for scheduling and status. */
record PollStep(Kind kind, String problem, Snapshot snapshot, byte[] verifiedBody, String etag, boolean confirmed,
                KillList killList, Duration retryAfter) {

    enum Kind {
        /** 200 or 304 (and, for the kill list, 404 = no kill list). */
        OK,
        /** Not served, keep polling at the normal interval (snapshot 404). */
        SOFT_FAILURE,
        /** Transport error, timeout, 5xx, corrupt body: back off. */
        RETRY,
        /** 429 or 503 with Retry-After. */
        THROTTLED,
        /** 401 or 403: retry slowly (at most every 5 minutes). */
        KEY_REFUSED,
        /** Not attempted this cycle. */
        SKIPPED
    }

    static PollStep ok(Snapshot snapshot, byte[] body, String etag, boolean confirmed, KillList killList) {
        return new PollStep(Kind.OK, null, snapshot, body, etag, confirmed, killList, null);
    }

    static PollStep failed(Kind kind, String problem) {
        return new PollStep(kind, problem, null, null, null, false, null, null);
    }

    static PollStep throttled(String problem, Duration retryAfter) {
        return new PollStep(Kind.THROTTLED, problem, null, null, null, false, null, retryAfter);
    }

    static PollStep skipped() {
        return new PollStep(Kind.SKIPPED, null, null, null, null, false, null, null);
    }

    /** Whether the cycle should go on to the kill list after this snapshot step. */
    boolean edgeHealthy() {
        return kind == Kind.OK || kind == Kind.SOFT_FAILURE;
    }
}
