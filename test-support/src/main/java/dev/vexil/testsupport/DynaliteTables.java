package dev.vexil.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh table per test on the shared dynalite ({@link DynaliteExtension}), dropped after the test: what every
 * adapter test against dynalite needs, in one place. Register it as an instance field,
 * {@code @RegisterExtension final DynaliteTables tables = new DynaliteTables("vexil-quotas", VexilTable::create);},
 * then {@link #create()} a table (from a {@code @BeforeEach} or the contract suite's factory method) and build the
 * adapter on {@link #client()}. The client is shared by the whole run and closed with the server.
 */
public final class DynaliteTables implements BeforeEachCallback, AfterEachCallback {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynaliteTables.class);

    private final String prefix;
    private final BiConsumer<DynamoDbClient, String> creator;
    private final List<String> created = new ArrayList<>();
    private ExecutionInterceptor interceptor;
    private DynamoDbClient client;

    /** Tables named {@code <prefix>-<n>}, made by {@code creator} (e.g. {@code VexilTable::create}). */
    public DynaliteTables(String prefix, BiConsumer<DynamoDbClient, String> creator) {
        this.prefix = prefix;
        this.creator = creator;
    }

    /**
     * Use a client whose requests pass through {@code requests} (one client per interceptor for the whole run, so
     * give it a static interceptor), e.g. to count or fail writes.
     */
    public DynaliteTables interceptedBy(ExecutionInterceptor requests) {
        this.interceptor = requests;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DynaliteServer server = DynaliteExtension.server(context);
        ExecutionInterceptor[] interceptors = interceptor == null ? new ExecutionInterceptor[0]
                : new ExecutionInterceptor[] {interceptor};
        Object key = interceptor == null ? DynamoDbClient.class : List.of(DynamoDbClient.class, interceptor);
        client = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> server.newClient(interceptors), DynamoDbClient.class);
    }

    /** The run's client of the shared server (valid from {@code beforeEach} on). */
    public DynamoDbClient client() {
        if (client == null) {
            throw new IllegalStateException("DynaliteTables must be registered with @RegisterExtension");
        }
        return client;
    }

    /** A new, empty table, dropped after the test; returns its name. */
    public String create() {
        String name = prefix + "-" + SEQUENCE.incrementAndGet();
        creator.accept(client(), name);
        created.add(name);
        return name;
    }

    /** The table {@link #create()} made last in this test. */
    public String current() {
        if (created.isEmpty()) {
            throw new IllegalStateException("no table created in this test yet");
        }
        return created.get(created.size() - 1);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        created.forEach(name -> client.deleteTable(b -> b.tableName(name)));
        created.clear();
    }
}
