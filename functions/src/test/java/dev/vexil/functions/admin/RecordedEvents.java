package dev.vexil.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * API Gateway HTTP API (payload 2.0) events in the shape AWS sends them, from {@code events/apigw-v2/*.json}:
 * an IAM user, an assumed role, an IAM Identity Center permission set and a Cognito JWT. Each is read with
 * the Lambda runtime's own deserializer, after the request line and body are set for the call at hand.
 */
final class RecordedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedEvents() {
    }

    static APIGatewayV2HTTPEvent get(String fixture) {
        return request(fixture, "GET", "/v1/projects", null);
    }

    static APIGatewayV2HTTPEvent request(String fixture, String method, String path, String jsonBody) {
        ObjectNode event = read(fixture);
        event.put("rawPath", path);
        ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
        http.put("method", method).put("path", path);
        if (jsonBody != null) {
            event.put("body", jsonBody);
            ((ObjectNode) event.path("headers")).put("content-type", "application/json");
        }
        return deserialize(event);
    }

    /** The fixture with one JWT claim replaced, or removed when {@code value} is null. */
    static APIGatewayV2HTTPEvent withClaim(String fixture, String claim, String value) {
        ObjectNode event = read(fixture);
        ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
        if (value == null) {
            claims.remove(claim);
        } else {
            claims.put(claim, value);
        }
        return deserialize(event);
    }

    private static ObjectNode read(String fixture) {
        try (InputStream in = RecordedEvents.class.getResourceAsStream("/events/apigw-v2/" + fixture + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no event fixture " + fixture);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPEvent deserialize(ObjectNode event) {
        try {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    RecordedEvents.class.getClassLoader()).fromJson(
                    new ByteArrayInputStream(JSON.writeValueAsBytes(event)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
