package dev.vexil.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes one DynamoDB stream record in the JSON shape Lambda delivers to a function (the {@code Records[]} of a
 * DynamodbEvent): {@code eventName}, {@code eventSource: aws:dynamodb}, {@code eventSourceARN}, and a
 * {@code dynamodb} object with {@code Keys}, {@code NewImage}, {@code OldImage}, {@code SequenceNumber},
 * {@code SizeBytes} and {@code StreamViewType: NEW_AND_OLD_IMAGES}; attribute values in DynamoDB's JSON
 * ({@code {"S": ...}}, {@code {"N": "..."}}, {@code {"M": {...}}}, ...).
 */
final class StreamRecordJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecordJson() {
    }

    static ObjectNode record(String eventName, String eventSourceArn, String region, String sequenceNumber,
                             Instant approximateCreation, Map<String, AttributeValue> keys,
                             Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventID", sequenceNumber);
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", approximateCreation.getEpochSecond());
        dynamodb.set("Keys", item(keys));
        if (newImage != null) {
            dynamodb.set("NewImage", item(newImage));
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", item(oldImage));
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", sizeOf(keys, newImage, oldImage));
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", eventSourceArn);
        return record;
    }

    /** {@code {"Records": [...]}}. */
    static String event(Iterable<ObjectNode> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event.toString();
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(item).forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    static JsonNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(value(element)));
            }
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode list = node.putArray("BS");
                value.bs().forEach(bytes -> list.add(base64(bytes)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /** Roughly what DynamoDB reports: the size of the keys and images as JSON. */
    private static int sizeOf(Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
                              Map<String, AttributeValue> oldImage) {
        int size = item(keys).toString().length();
        size += newImage == null ? 0 : item(newImage).toString().length();
        size += oldImage == null ? 0 : item(oldImage).toString().length();
        return size;
    }
}
