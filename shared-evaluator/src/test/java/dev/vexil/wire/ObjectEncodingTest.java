package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ObjectEncodingTest {
    private static final byte[] JSON = "{\"schemaVersion\":1,\"flags\":[]}".repeat(50).getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipRoundTripsAndIsRecognisedByItsMagicNumber() throws Exception {
        byte[] stored = ObjectEncoding.gzip(JSON);
        assertThat(ObjectEncoding.isGzip(stored)).isTrue();
        assertThat(stored.length).isLessThan(JSON.length);
        assertThat(ObjectEncoding.gunzip(stored)).isEqualTo(JSON);
        assertThat(ObjectEncoding.CONTENT_ENCODING).isEqualTo("gzip");
    }

    @Test
    void theSameJsonAlwaysGivesTheSameBytesSoTheSameEtag() throws Exception {
        assertThat(ObjectEncoding.gzip(JSON)).isEqualTo(ObjectEncoding.gzip(JSON.clone()));
        assertThat(ObjectEncoding.gunzip(ObjectEncoding.gzip(new byte[0]))).isEmpty();
    }

    @Test
    void plainJsonAndShortBodiesAreNotGzip() {
        assertThat(ObjectEncoding.isGzip(JSON)).isFalse();
        assertThat(ObjectEncoding.isGzip(new byte[0])).isFalse();
        assertThat(ObjectEncoding.isGzip(new byte[] {0x1f})).isFalse();
        assertThat(ObjectEncoding.isGzip(new byte[] {0x1f, (byte) 0x8b})).isTrue();
        assertThat(ObjectEncoding.isGzip(new byte[] {(byte) 0x8b, 0x1f})).isFalse();
    }

    @Test
    void aTruncatedBodyIsRefusedAsTruncated() {
        byte[] stored = ObjectEncoding.gzip(JSON);
        byte[] cut = Arrays.copyOf(stored, stored.length / 2);
        assertThatThrownBy(() -> ObjectEncoding.gunzip(cut)).isInstanceOf(IOException.class)
                .hasMessage("truncated gzip body");
    }

    @Test
    void aBodyThatIsNotGzipOrIsCorruptIsRefused() {
        assertThatThrownBy(() -> ObjectEncoding.gunzip(JSON)).isInstanceOf(IOException.class);
        byte[] corrupt = ObjectEncoding.gzip(JSON);
        corrupt[corrupt.length - 6] ^= 0x55; // inside the CRC-32 trailer
        assertThatThrownBy(() -> ObjectEncoding.gunzip(corrupt)).isInstanceOf(IOException.class);
    }

    @Test
    void aBodyThatExpandsBeyondTheLimitIsRefused() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i <= ObjectEncoding.MAX_DECODED_BYTES / zeros.length; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).as("small on the wire").isLessThan(1024 * 1024);
        assertThatThrownBy(() -> ObjectEncoding.gunzip(bomb.toByteArray())).isInstanceOf(IOException.class)
                .hasMessage("gzip body inflates beyond " + ObjectEncoding.MAX_DECODED_BYTES + " bytes");
    }
}
