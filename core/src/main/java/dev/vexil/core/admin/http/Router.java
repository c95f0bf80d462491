package dev.vexil.core.admin.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps a method and a path to a route. Unknown paths and known paths with another method are told apart, so
 * that the caller can answer 404 or 405 (with the allowed methods). No framework: a linear scan over a few
 * dozen templates costs less than a microsecond.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, RouteHandler handler) {
        PathTemplate parsed = PathTemplate.parse(template);
        for (Route existing : routes) {
            if (existing.method().equals(method) && existing.template().toString().equals(template)) {
                throw new IllegalArgumentException("route registered twice: " + method + " " + template);
            }
        }
        routes.add(new Route(method, parsed, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public RouteMatch match(String method, String path) {
        List<String> segments = PathTemplate.split(path);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.template().match(segments);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new RouteMatch.Found(route, variables.get());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(List.copyOf(allowed));
    }
}
