package dev.vexil.local.http;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/** Decides who is calling. In front of API Gateway this is IAM or a JWT authorizer; locally a bearer token. */
@FunctionalInterface
public interface Authenticator {

    /** The principal to record for the request, or empty to refuse it with 401. */
    Optional<String> principalOf(Headers requestHeaders);
}
