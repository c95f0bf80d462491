package dev.vexil.functions.keys;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Second consumer of the table's stream: keeps the CloudFront KeyValueStore that the edge function reads
 * ({@code VEXIL_KVS_ARN}) in step with the SDK keys created and revoked through the admin API. Parse the records,
 * mirror the changes, and on failure report the batch's SDK-key records so that Lambda retries them.
 */
public final class SdkKeySyncHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkKeyMirror mirror;

    /** For Lambda: the KeyValueStore named by VEXIL_KVS_ARN, signed with the function's credentials. */
    public SdkKeySyncHandler() {
        this(HttpKeyValueStoreClient.fromEnvironment());
    }

    public SdkKeySyncHandler(KeyValueStoreClient store) {
        this.mirror = new SdkKeyMirror(store);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        SdkKeyStreamRecords.Parsed parsed = SdkKeyStreamRecords.parse(event);
        parsed.bad().forEach(bad -> log("skipped", Map.of("sequenceNumber", bad.sequenceNumber(),
                "reason", bad.reason())));
        if (parsed.changes().isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        try {
            mirror.apply(parsed.changes());
            log("mirrored", Map.of("changes", parsed.changes().size()));
            return new StreamsEventResponse(List.of());
        } catch (RuntimeException e) {
            log("failed", Map.of("changes", parsed.changes().size(), "error", String.valueOf(e.getMessage())));
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            parsed.changes().forEach(change ->
                    failures.add(new StreamsEventResponse.BatchItemFailure(change.sequenceNumber())));
            return new StreamsEventResponse(failures);
        }
    }

    /** One JSON line per outcome (hashes are not secrets, but they are not logged either). */
    private static void log(String outcome, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("component", "sdk-key-sync");
        line.put("outcome", outcome);
        line.putAll(fields);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.out.println("{\"component\":\"sdk-key-sync\",\"outcome\":\"" + outcome + "\"}");
        }
    }
}
