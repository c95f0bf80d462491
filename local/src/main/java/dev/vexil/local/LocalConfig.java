package dev.vexil.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where local mode listens and keeps its data. Command-line flags win over environment variables, which win over
 * the defaults: admin API on 8700, edge on 8701, data in {@code ./.vexil}, both bound to the loopback address.
 *
 * @param fixedAdminToken the admin token from {@code VEXIL_ADMIN_TOKEN}, or null to use the stored one
 * @param projectCreators comma-separated principals or {@code *} patterns who may create projects, or null for
 *                        the default: the admin token's own principal (its name, {@code local-admin})
 * @param breakGlass comma-separated break-glass operator principals (admin in every project), or null for none
 */
public record LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken, String projectCreators,
                          String breakGlass) {
    public static final int DEFAULT_ADMIN_PORT = 8700;
    public static final int DEFAULT_EDGE_PORT = 8701;
    public static final String USAGE = """
            Usage: java -jar vexil-local.jar [--admin-port N] [--edge-port N] [--data-dir DIR]
              --admin-port N   admin API port (default 8700, env VEXIL_ADMIN_PORT)
              --edge-port N    edge (SDK snapshot) port (default 8701, env VEXIL_EDGE_PORT)
              --data-dir DIR   SQLite store, snapshots and credentials (default ./.vexil, env VEXIL_DATA_DIR)
              --project-creators LIST  who may create projects: principals or * patterns, comma-separated
                               (default: the admin token's principal, local-admin; env VEXIL_PROJECT_CREATORS)
              --break-glass LIST       operator principals with admin rights in every project, comma-separated
                               (default: none; env VEXIL_BREAK_GLASS)
              env VEXIL_ADMIN_TOKEN fixes the admin token (for scripts and CI)""";

    public LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken) {
        this(adminPort, edgePort, dataDir, fixedAdminToken, null, null);
    }

    /** Thrown for a bad command line; its message is meant for the user, followed by {@link #USAGE}. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LocalConfig parse(String[] args, Map<String, String> env) throws UsageException {
        int adminPort = port(env.get("VEXIL_ADMIN_PORT"), "VEXIL_ADMIN_PORT", DEFAULT_ADMIN_PORT);
        int edgePort = port(env.get("VEXIL_EDGE_PORT"), "VEXIL_EDGE_PORT", DEFAULT_EDGE_PORT);
        String dataDir = env.getOrDefault("VEXIL_DATA_DIR", ".vexil");
        String projectCreators = env.get("VEXIL_PROJECT_CREATORS");
        String breakGlass = env.get("VEXIL_BREAK_GLASS");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--admin-port" -> {
                    value = value != null ? value : next(args, ++i, name);
                    adminPort = port(value, name, adminPort);
                }
                case "--edge-port" -> {
                    value = value != null ? value : next(args, ++i, name);
                    edgePort = port(value, name, edgePort);
                }
                case "--data-dir" -> dataDir = value != null ? value : next(args, ++i, name);
                case "--project-creators" -> projectCreators = value != null ? value : next(args, ++i, name);
                case "--break-glass" -> breakGlass = value != null ? value : next(args, ++i, name);
                case "--help", "-h" -> throw new UsageException("");
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        if (adminPort == edgePort && adminPort != 0) {
            throw new UsageException("the admin port and the edge port must differ (both are " + adminPort + ")");
        }
        String token = env.get("VEXIL_ADMIN_TOKEN");
        return new LocalConfig(adminPort, edgePort, Path.of(dataDir), token == null || token.isBlank() ? null : token,
                projectCreators, breakGlass);
    }

    private static String next(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(name + " needs a value");
        }
        return args[i];
    }

    private static int port(String value, String name, int fallback) throws UsageException {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }
}
