package dev.vexil.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the admin console (the {@code console} module's bundle, classpath {@code dev/vexil/console/}) at
 * {@code /console/} on the admin port. No authentication here: the files are public and hold no data; the console
 * calls the admin API with the token the user signs in with. Every answer carries a strict Content-Security-Policy
 * (no inline script or style, API calls to this origin only); the hashed bundle files are cached for a year, the
 * index is revalidated on every load so a new build is picked up.
 */
public final class ConsoleHandler implements HttpHandler {
    public static final String PREFIX = "/console";
    static final String RESOURCE_ROOT = "dev/vexil/console/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** File names the bundler writes: a name, optionally a content hash, an extension. Nothing else is served. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(html|js|css|txt|svg|png)");
    private static final Pattern HASHED = Pattern.compile(".*-[A-Z0-9]{8}\\.(js|css)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final ClassLoader loader;

    public ConsoleHandler() {
        this(ConsoleHandler.class.getClassLoader());
    }

    ConsoleHandler(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the bundle is on the class path (a build without the console module serves only the API). */
    public boolean available() {
        return loader.getResource(RESOURCE_ROOT + "index.html") != null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                AdminHttpAdapter.sendProblem(exchange, 405, "Method Not Allowed", "The console's files are read-only.");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(PREFIX)) { // the browser keeps the #token fragment across this redirect
                exchange.getResponseHeaders().set("Location", PREFIX + "/");
                exchange.sendResponseHeaders(308, -1);
                return;
            }
            String name = path.substring(PREFIX.length() + 1);
            if (name.isEmpty()) {
                name = "index.html";
            }
            byte[] body = FILE_NAME.matcher(name).matches() ? read(RESOURCE_ROOT + name) : null;
            if (body == null) {
                AdminHttpAdapter.sendProblem(exchange, 404, "Not Found", "No such console file.");
                return;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get(extension));
            exchange.getResponseHeaders().set("Cache-Control",
                    HASHED.matcher(name).matches() ? "public, max-age=31536000, immutable" : "no-cache");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] read(String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
