package dev.vexil.core.admin.http;

/** One operation of the API: an HTTP method on a path template, served by a handler. */
public record Route(String method, PathTemplate template, RouteHandler handler) {
    /** {@code "GET /v1/projects/{project}"}: how the route is named in logs and in the OpenAPI comparison. */
    public String signature() {
        return method + " " + template;
    }
}
