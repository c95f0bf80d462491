/**
 * The Vexil Java SDK. {@link dev.vexil.sdk.VexilClient} polls one environment's snapshot from the edge, verifies
 * it, keeps a last-known-good copy on disk, applies the emergency kill list and the per-flag staleness policy, and
 * evaluates flags in memory without blocking or throwing. Contexts are {@link dev.vexil.eval.Context} from the
 * shared evaluator. See {@code sdk-java/README.md}.
 */
package dev.vexil.sdk;
