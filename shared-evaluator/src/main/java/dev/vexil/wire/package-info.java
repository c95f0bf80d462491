/**
 * The formats and file rules that the server and the SDKs share, each defined once: the kill list
 * ({@link dev.vexil.wire.KillList}), the encoding of stored snapshot objects ({@link dev.vexil.wire.ObjectEncoding}),
 * atomic file replacement ({@link dev.vexil.wire.AtomicFiles}), the SDK-key shape and hash
 * ({@link dev.vexil.wire.SdkKeys}) and the {@code <project>/<env>} name of an environment
 * ({@link dev.vexil.wire.EnvironmentId}). Plain JDK and Jackson only: no AWS SDK, no JDBC.
 */
package dev.vexil.wire;
