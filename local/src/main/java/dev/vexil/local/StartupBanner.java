package dev.vexil.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.local.push.PushServer;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** What a start prints: where things listen, the admin token, the demo SDK keys and three curl commands to try. */
public final class StartupBanner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartupBanner() {
    }

    public static void print(PrintStream out, LocalServices services) {
        String admin = "http://localhost:" + services.adminPort();
        String edge = "http://localhost:" + services.edgePort();
        String token = services.adminToken();
        Map<String, String> keys = services.credentials().demoSdkKeys();
        String devKey = keys.getOrDefault("development", "<sdk key>");

        out.println();
        out.println("Vexil local is running.");
        out.println("  console    " + consoleUrl(services) + "   (signs you in; keep it private)");
        out.println("  admin API  " + admin + "/v1");
        out.println("  edge       " + edge + "/sdk/v1/snapshot");
        out.println("  push       ws://localhost:" + services.pushPort() + PushServer.PATH
                + "   (VexilClient.Builder.realtimeUrl)");
        out.println("  data       " + services.dataDir().toAbsolutePath());
        out.println();
        out.println("Admin token (" + services.credentials().adminTokenName() + "): " + token
                + (services.tokenFromEnvironment() ? "   (from VEXIL_ADMIN_TOKEN)" : ""));
        out.println("Demo SDK keys (kept in " + LocalCredentials.FILE_NAME + " for local mode only):");
        keys.forEach((environment, key) -> out.println("  " + environment + ": " + key));
        out.println();
        out.println("Snapshots are signed with this key (" + SigningKeyFile.PRIVATE_FILE + "; give SDKs "
                + SigningKeyFile.PUBLIC_FILE + " via trustedKey(...)):");
        out.print(services.signingPublicKeyPem());
        out.println();
        out.println("# 1. list the demo project's flags");
        out.println("curl -s -H 'Authorization: Bearer " + token + "' " + admin + "/v1/projects/demo/flags");
        out.println();
        flipCommand(services.repository()).ifPresent(flip -> {
            out.println("# 2. flip new-checkout in development (If-Match is the version you change; a GET returns it as the ETag)");
            out.println("curl -s -X PUT " + admin + "/v1/projects/demo/environments/development/flags/new-checkout \\");
            out.println("  -H 'Authorization: Bearer " + token + "' -H 'If-Match: " + flip.getKey() + "' \\");
            out.println("  -H 'Content-Type: application/json' -d '" + flip.getValue() + "'");
            out.println();
        });
        out.println("# 3. fetch the development snapshot from the edge, as the SDK does");
        out.println("curl -s --compressed -H 'Authorization: " + devKey + "' " + edge + "/sdk/v1/snapshot");
        out.println();
        out.println("Press Ctrl-C to stop; data is kept in the data directory.");
        out.flush();
    }

    /**
     * The one-click sign-in: the console moves the token from the fragment into session storage and removes it from
     * the address bar. A fragment never reaches a server, a log or a Referer header.
     */
    public static String consoleUrl(LocalServices services) {
        return "http://localhost:" + services.adminPort() + "/console/#token="
                + URLEncoder.encode(services.adminToken(), StandardCharsets.UTF_8);
    }

    /** The ETag to send and the body that toggles {@code on} for new-checkout in development, as it is now. */
    private static Optional<Map.Entry<String, String>> flipCommand(FlagRepository repository) {
        Optional<Versioned<FlagConfig>> current =
                repository.getFlagConfig(DemoSeeder.PROJECT, "development", DemoSeeder.CHECKOUT_FLAG);
        return current.map(versioned -> {
            FlagConfig c = versioned.value();
            FlagConfig toggled = new FlagConfig(!c.on(), c.offVariation(), c.salt(), c.targets(), c.prerequisites(),
                    c.rules(), c.fallthrough(), c.staleness());
            try {
                return Map.entry(versioned.etag(), JSON.writeValueAsString(toggled));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a flag configuration always serializes", e);
            }
        });
    }
}
