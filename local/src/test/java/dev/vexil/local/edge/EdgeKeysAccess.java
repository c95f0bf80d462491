package dev.vexil.local.edge;

import dev.vexil.localstore.sqlite.SqliteFlagRepository;
import java.nio.file.Path;

/** {@link EdgeKeys}'s store for tests outside this package (the push channel authorizes with the same keys). */
public final class EdgeKeysAccess {
    private EdgeKeysAccess() {
    }

    public static SqliteFlagRepository repository(Path file) {
        return EdgeKeys.repository(file);
    }
}
