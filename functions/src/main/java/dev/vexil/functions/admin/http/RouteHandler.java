package dev.vexil.functions.admin.http;

/** Serves one route. Throws {@code AdminException} or a {@code StoreException} for expected failures. */
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request);
}
