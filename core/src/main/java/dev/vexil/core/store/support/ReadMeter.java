package dev.vexil.core.store.support;

/**
 * Told about every item (row) an adapter reads and its size, so a benchmark can report what a read costs. Production
 * wiring uses {@link #NONE}; the DynamoDB benchmark counts on the client instead (what the wire carries).
 */
@FunctionalInterface
public interface ReadMeter {
    ReadMeter NONE = (items, bytes) -> { };

    void read(long items, long bytes);
}
