package dev.vexil.bench.store;

import dev.vexil.core.store.support.ReadMeter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the items and bytes every GetItem, Query and Scan response of a DynamoDB client carries, measuring item
 * size the way DynamoDB does (attribute names plus values, UTF-8), so the benchmark reports what a read costs
 * without relying on dynalite's ConsumedCapacity.
 */
final class DynamoReadCounter implements ExecutionInterceptor {
    private final ReadMeter meter;

    DynamoReadCounter(ReadMeter meter) {
        this.meter = meter;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        switch (context.response()) {
            case GetItemResponse get when get.hasItem() && !get.item().isEmpty() -> count(List.of(get.item()));
            case QueryResponse query -> count(query.items());
            case ScanResponse scan -> count(scan.items());
            default -> { }
        }
    }

    private void count(List<Map<String, AttributeValue>> items) {
        for (Map<String, AttributeValue> item : items) {
            meter.read(1, itemBytes(item));
        }
    }

    static long itemBytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + valueBytes(attribute.getValue());
        }
        return bytes;
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return ((SdkBytes) value.b()).asByteArray().length;
        }
        return 1; // BOOL, NULL: one byte
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
