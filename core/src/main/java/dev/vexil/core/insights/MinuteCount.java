package dev.vexil.core.insights;

import dev.vexil.eval.ReasonKind;
import java.time.Instant;

/** One stored aggregate: the evaluations of one flag × variation × reason kind in the minute starting at {@code minute}. */
public record MinuteCount(Instant minute, String flag, int variation, ReasonKind reason, long count) {
}
