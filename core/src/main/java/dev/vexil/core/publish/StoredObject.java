package dev.vexil.core.publish;

/**
 * One stored object as the edge serves it: the body exactly as stored (gzip bytes when
 * {@code contentEncoding} is {@code gzip}), its strong {@code etag} (quoted, as HTTP sends it), and the
 * headers the publisher set on it.
 */
public record StoredObject(byte[] body, String etag, String contentType, String contentEncoding, String cacheControl) {
}
