package dev.vexil.it.stack;

import dev.vexil.local.edge.EdgeStats;
import java.net.URI;

/**
 * One running Vexil, however it is wired: an admin API over HTTP, an edge over HTTP, and the hooks the scenarios
 * need to break things. The scenarios drive it only through HTTP and the SDK; the hooks stand for what an operator
 * or an outage does outside the API.
 */
public interface Stack extends AutoCloseable {

    /** For test names and messages, e.g. {@code local} or {@code aws(dynalite+s3proxy)}. */
    String name();

    /** Base URL of the admin API ({@code /v1/...} below it). */
    URI adminBaseUrl();

    /** The bearer token admin calls carry. */
    String adminToken();

    /** Base URL of the edge ({@code /sdk/v1/...} below it). */
    URI edgeBaseUrl();

    /** What the edge has answered so far, by status. */
    EdgeStats edgeStats();

    /** The edge goes down (connections refused) ... */
    void stopEdge();

    /** ... and comes back on the same port. */
    void startEdge();

    /** The admin API goes down (the control plane is out) ... */
    void stopAdmin();

    /** ... and comes back on the same port. */
    void startAdmin();

    /** The compiler's next publish fails once (as if S3 or the disk failed); the change feed must retry it. */
    void injectCompilerFaultOnce();

    /** How many injected faults have fired so far. */
    int compilerFaultsFired();

    /** Replaces an environment's {@code current.json} in the object store with a copy whose content was altered. */
    void corruptCurrentSnapshot(String project, String environment);

    /**
     * Replaces an environment's {@code current.json} with a forgery: every flag off, signed with a key of the
     * forger's own and sealed with a correct {@code contentHash} (what someone with write access to the store
     * could publish). Stored the way {@link #corruptCurrentSnapshot} stores its copy.
     */
    void forgeCurrentSnapshot(String project, String environment);

    /** The PEM public key the stack's compiler signs snapshots with (what SDKs are given as trusted). */
    String signingPublicKeyPem();

    /** Writes an environment's kill list straight into the object store, as an operator would in an outage. */
    void writeKillListDirectly(String project, String environment, String killListJson);

    @Override
    void close();
}
