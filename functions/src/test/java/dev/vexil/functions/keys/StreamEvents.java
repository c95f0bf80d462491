package dev.vexil.functions.keys;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB stream events as Lambda delivers them: JSON in the NEW_AND_OLD_IMAGES shape, deserialized with the
 * Lambda runtime's own event serializer. Images carry the plain attributes of docs/architecture.md.
 */
final class StreamEvents {
    private final List<String> records = new ArrayList<>();
    private long sequence = 100;

    static StreamEvents batch() {
        return new StreamEvents();
    }

    /** An SDK key written active. */
    StreamEvents created(String project, String env, String id, String hash) {
        return add("INSERT", null, sdkKeyImage(project, env, id, hash, null));
    }

    /** An SDK key updated with revokedAt. */
    StreamEvents revoked(String project, String env, String id, String hash) {
        return add("MODIFY", sdkKeyImage(project, env, id, hash, null),
                sdkKeyImage(project, env, id, hash, "2026-12-01T10:00:00Z"));
    }

    /** An SDK-key item deleted outright (or expired). */
    StreamEvents deleted(String project, String env, String id, String hash) {
        return add("REMOVE", sdkKeyImage(project, env, id, hash, null), null);
    }

    /** A flag configuration change: not the key sync's business. */
    StreamEvents flagChanged(String project, String env, String flag) {
        String image = """
                {"pk":{"S":"ENV#%1$s#%2$s"},"sk":{"S":"FLAG#%3$s#00000000000000000002"},"project":{"S":"%1$s"},
                 "environment":{"S":"%2$s"},"rtype":{"S":"FLAG_CONFIG"},"rkey":{"S":"%3$s"},"version":{"N":"2"},
                 "hash":{"S":"not-a-key"}}""".formatted(project, env, flag);
        return add("INSERT", null, image);
    }

    /** Any raw NewImage (for malformed items). */
    StreamEvents rawInsert(String newImage) {
        return add("INSERT", null, newImage);
    }

    static String sdkKeyImage(String project, String env, String id, String hash, String revokedAt) {
        return """
                {"pk":{"S":"ENV#%1$s#%2$s"},"sk":{"S":"SDKKEY#%3$s"},"gsi2pk":{"S":"SDKKEYHASH#%4$s"},
                 "project":{"S":"%1$s"},"environment":{"S":"%2$s"},"rtype":{"S":"SDK_KEY"},"rkey":{"S":"%3$s"},
                 "version":{"N":"1"},"id":{"S":"%3$s"},"name":{"S":"backend"},"hash":{"S":"%4$s"},
                 "createdAt":{"S":"2026-12-01T09:00:00Z"},"createdBy":{"S":"arn:aws:iam::123456789012:user/ops"}%5$s}"""
                .formatted(project, env, id, hash,
                        revokedAt == null ? "" : ",\"revokedAt\":{\"S\":\"" + revokedAt + "\"}");
    }

    private StreamEvents add(String eventName, String oldImage, String newImage) {
        String sequenceNumber = Long.toString(sequence++);
        StringBuilder dynamodb = new StringBuilder("{\"ApproximateCreationDateTime\":1764583200,")
                .append("\"Keys\":{\"pk\":{\"S\":\"k\"},\"sk\":{\"S\":\"").append(sequenceNumber).append("\"}},");
        if (newImage != null) {
            dynamodb.append("\"NewImage\":").append(newImage).append(',');
        }
        if (oldImage != null) {
            dynamodb.append("\"OldImage\":").append(oldImage).append(',');
        }
        dynamodb.append("\"SequenceNumber\":\"").append(sequenceNumber).append("\",\"SizeBytes\":321,")
                .append("\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}");
        records.add("""
                {"eventID":"e%s","eventName":"%s","eventVersion":"1.1","eventSource":"aws:dynamodb",
                 "awsRegion":"eu-west-1","dynamodb":%s,
                 "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/vexil/stream/2026-12-01T00:00:00.000"}"""
                .formatted(sequenceNumber, eventName, dynamodb));
        return this;
    }

    /** The sequence number the next record will get (records are numbered from 100 in order). */
    String sequenceNumberOf(int index) {
        return Long.toString(100 + index);
    }

    DynamodbEvent event() {
        String json = "{\"Records\":[" + String.join(",", records) + "]}";
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEvents.class.getClassLoader())
                .fromJson(json);
    }
}
