package dev.vexil.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** The admin port: {@code /console} and below go to the console's files, everything else to the admin API. */
public final class AdminPortHandler implements HttpHandler {
    private final HttpHandler console;
    private final HttpHandler api;

    public AdminPortHandler(HttpHandler console, HttpHandler api) {
        this.console = console;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean toConsole = path.equals(ConsoleHandler.PREFIX) || path.startsWith(ConsoleHandler.PREFIX + "/");
        (toConsole ? console : api).handle(exchange);
    }
}
