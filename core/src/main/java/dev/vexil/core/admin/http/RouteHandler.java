package dev.vexil.core.admin.http;

/** Serves one route. Throws {@code AdminException} or a {@code StoreException} for expected failures. */
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request);
}
