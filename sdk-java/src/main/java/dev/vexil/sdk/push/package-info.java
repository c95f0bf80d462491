/**
 * The push channel's client side (docs/push.md): the subset of the AppSync Events WebSocket protocol the SDK speaks,
 * over the JDK's {@link java.net.http.WebSocket}. Used by {@code dev.vexil.sdk.VexilClient}; not an API of its own:
 * applications turn push on or off with {@code VexilClient.Builder.realtimeUrl} and {@code push}.
 */
package dev.vexil.sdk.push;
