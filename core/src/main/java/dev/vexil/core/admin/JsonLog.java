package dev.vexil.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs as is (and Logs Insights
 * parses). Kept tiny on purpose: the admin API logs only what needs a human (unexpected errors, priming).
 */
public final class JsonLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLog() {
    }

    public static void error(String message, String requestPath, Throwable error) {
        log("ERROR", message, requestPath, error);
    }

    public static void warn(String message, Throwable error) {
        log("WARN", message, null, error);
    }

    private static void log(String level, String message, String requestPath, Throwable error) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("logger", "vexil.admin");
        line.put("message", message);
        if (requestPath != null) {
            line.put("path", requestPath);
        }
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        System.out.println(line);
    }

    public static void info(String message) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", "INFO");
        line.put("logger", "vexil.admin");
        line.put("message", message);
        System.out.println(line);
    }
}
