package dev.vexil.core.store;

/**
 * What a stored item describes. The snapshot of an environment depends on every type except SDK_KEY and
 * CHANGE_REQUEST (a proposal kept with its environment, docs/change-requests.md).
 */
public enum ResourceType {
    PROJECT, ENVIRONMENT, FLAG_DEFINITION, FLAG_CONFIG, SEGMENT, SDK_KEY, CHANGE_REQUEST
}
