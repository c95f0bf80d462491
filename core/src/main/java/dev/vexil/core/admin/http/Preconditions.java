package dev.vexil.core.admin.http;

import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.WritePrecondition;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses {@code If-Match} and {@code If-None-Match}. Our entity tags are strong and are the version in quotes,
 * e.g. {@code "7"}; a bare {@code 7} is accepted too. Weak tags ({@code W/"7"}) never match an If-Match (RFC 9110
 * uses the strong comparison there). A tag that is not a version is a 400.
 */
public final class Preconditions {
    private Preconditions() {
    }

    public static WritePrecondition of(ApiRequest request) {
        String ifMatch = request.header("if-match");
        String ifNoneMatch = request.header("if-none-match");
        boolean anyVersion = false;
        Set<Long> versions = new HashSet<>();
        boolean sawIfMatch = false;
        if (ifMatch != null && !ifMatch.isBlank()) {
            for (String raw : ifMatch.split(",")) {
                String tag = raw.strip();
                if (tag.isEmpty()) {
                    continue;
                }
                sawIfMatch = true;
                if (tag.equals("*")) {
                    anyVersion = true;
                } else if (!tag.startsWith("W/")) {
                    versions.add(version(tag));
                }
            }
        }
        if (sawIfMatch && !anyVersion && versions.isEmpty()) {
            versions.add(-1L); // only weak tags: present, but can never match
        }
        boolean noneMatchAny = ifNoneMatch != null && ifNoneMatch.strip().equals("*");
        if (ifNoneMatch != null && !ifNoneMatch.isBlank() && !noneMatchAny) {
            throw AdminException.invalid("If-None-Match", "only If-None-Match: * (create only) is supported on writes");
        }
        return new WritePrecondition(versions, anyVersion, noneMatchAny);
    }

    private static long version(String tag) {
        String unquoted = tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                ? tag.substring(1, tag.length() - 1) : tag;
        try {
            long version = Long.parseLong(unquoted);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AdminException.invalid("If-Match", "entity tag " + tag + " is not one of ours: expected a version in"
                + " quotes, e.g. \"3\", as sent in the ETag header");
    }
}
