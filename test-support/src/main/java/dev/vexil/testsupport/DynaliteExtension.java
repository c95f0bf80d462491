package dev.vexil.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link DynaliteServer} per JVM: started by the first test class that asks for it, shared by all
 * later ones, and closed (stopped by PID) when the test run ends. Use it with
 * {@code @ExtendWith(DynaliteExtension.class)} and a {@code DynaliteServer} parameter, e.g. of a
 * {@code @BeforeAll static} method. Tests stay isolated by using their own table.
 */
public final class DynaliteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynaliteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DynaliteServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The shared server; the root store closes it (an AutoCloseable) at the end of the run. */
    public static DynaliteServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DynaliteServer.class, type -> DynaliteServer.start(), DynaliteServer.class);
    }
}
