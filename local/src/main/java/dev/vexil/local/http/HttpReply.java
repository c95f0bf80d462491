package dev.vexil.local.http;

import java.util.List;
import java.util.Map;

/** What a backend answers: the status, each header with its values, and the body bytes (empty for none). */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {
}
