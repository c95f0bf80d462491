package dev.vexil.local.http;

/**
 * What serves an admin request behind the gateway: locally the admin API itself ({@link AdminApiBackend}); in the
 * integration tests' AWS wiring, the admin Lambda handler reached through an API Gateway event.
 */
@FunctionalInterface
public interface HttpBackend {

    /** The reply to one request; null is a gateway error (502). */
    HttpReply handle(HttpCall call);
}
