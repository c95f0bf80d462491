package dev.vexil.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotSigning;
import dev.vexil.wire.ObjectEncoding;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the kind of damage a bad copy or a buggy tool does: the stored snapshot still parses and keeps its
 * {@code contentHash}, but every flag is switched off. An SDK that skipped verification would serve that.
 */
final class SnapshotTampering {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotTampering() {
    }

    /** The stored (gzip) bytes of a tampered copy of {@code storedGzip}. */
    static byte[] tamper(byte[] storedGzip) {
        try {
            JsonNode snapshot = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(storedGzip)));
            for (JsonNode flag : snapshot.path("flags")) {
                ((ObjectNode) flag).put("on", false);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(JSON.writeValueAsBytes(snapshot));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the stored snapshot is not gzip JSON", e);
        }
    }

    /** The stored (gzip) bytes of a forgery of {@code storedGzip}: flags off, signed by {@code forger}, resealed. */
    static byte[] forge(byte[] storedGzip, KeyPair forger) {
        try {
            ObjectNode snapshot = (ObjectNode) JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(storedGzip)));
            for (JsonNode flag : snapshot.path("flags")) {
                ((ObjectNode) flag).put("on", false);
            }
            snapshot.remove(List.of(SnapshotCodec.HASH_FIELD, SnapshotSigning.SIGNATURE_FIELD));
            ObjectNode signed = SnapshotSigning.signed(snapshot, content -> SnapshotSigning.sign(forger.getPrivate(),
                    SigningKeys.keyId(forger.getPublic()), content));
            return ObjectEncoding.gzip(SnapshotCodec.sealTree(signed).bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the stored snapshot is not gzip JSON", e);
        }
    }
}
