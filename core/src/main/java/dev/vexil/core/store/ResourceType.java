package dev.vexil.core.store;

/**
 * What a stored item describes. The snapshot of an environment depends on every type except SDK_KEY,
 * CHANGE_REQUEST (a proposal kept with its environment, docs/change-requests.md) and SCHEDULE (the audit record of a
 * schedule's creation and cancellation, docs/release-automation.md).
 */
public enum ResourceType {
    PROJECT, ENVIRONMENT, FLAG_DEFINITION, FLAG_CONFIG, SEGMENT, SDK_KEY, CHANGE_REQUEST, SCHEDULE
}
