package dev.vexil.local;

import dev.vexil.wire.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secrets of local mode, in {@code <data dir>/credentials.json} (file mode 600): the admin token and its name,
 * and, as a local-mode convenience, the demo project's SDK keys. On AWS an SDK key's secret is shown once and only
 * its hash is stored; locally the demo keys are kept here too so that every start can print them again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"adminTokenName", "adminToken", "demoSdkKeys"})
public record LocalCredentials(String adminTokenName, String adminToken, Map<String, String> demoSdkKeys) {
    public static final String FILE_NAME = "credentials.json";
    public static final String DEFAULT_TOKEN_NAME = "local-admin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    public LocalCredentials {
        // Sorted, so that the file and the banner list the environments in a stable order.
        demoSdkKeys = demoSdkKeys == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(demoSdkKeys));
    }

    /** Reads the file, creating it with a fresh admin token on the first start. */
    public static LocalCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return JSON.readValue(file.toFile(), LocalCredentials.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it to get a new admin token)", e);
        }
        LocalCredentials fresh = new LocalCredentials(DEFAULT_TOKEN_NAME, "vxl-" + randomBase64Url(32), Map.of());
        fresh.save(dataDir);
        return fresh;
    }

    public LocalCredentials withDemoSdkKey(String environment, String secret) {
        Map<String, String> keys = new LinkedHashMap<>(demoSdkKeys);
        keys.put(environment, secret);
        return new LocalCredentials(adminTokenName, adminToken, keys);
    }

    /**
     * Writes the file atomically ({@link AtomicFiles}: a reader never sees half of it, a crash leaves the old or
     * the new file), readable and writable by its owner only on POSIX systems: it holds the admin token.
     */
    public void save(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code n} random bytes, base64url without padding (32 bytes → 43 characters). */
    static String randomBase64Url(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
