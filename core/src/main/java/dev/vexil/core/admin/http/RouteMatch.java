package dev.vexil.core.admin.http;

import java.util.List;
import java.util.Map;

/** The outcome of routing a request. */
public sealed interface RouteMatch {
    record Found(Route route, Map<String, String> pathParameters) implements RouteMatch {
    }

    record NotFound() implements RouteMatch {
    }

    /** The path exists, but not for this method; {@code allowed} goes into the {@code Allow} header. */
    record MethodNotAllowed(List<String> allowed) implements RouteMatch {
    }
}
