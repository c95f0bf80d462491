package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vexil.eval.ReasonKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EvaluationSummary#decodeBody}: the one rule every ingest applies to a body before reading it. */
class SummaryBodyDecodingTest {
    private static final byte[] JSON = new EvaluationSummary("vexil-java", "0.1.0", 42,
            Instant.parse("2026-12-03T17:00:00Z"), Instant.parse("2026-12-03T17:01:00Z"),
            List.of(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 812)), 0).toJson();

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "identity", " Identity "})
    void anIdentityBodyIsReadAsSent(String contentEncoding) throws Exception {
        assertThat(EvaluationSummary.decodeBody(JSON, contentEncoding)).isEqualTo(JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", " gzip ", "x-gzip"})
    void aGzippedBodyIsInflated(String contentEncoding) throws Exception {
        byte[] sent = EvaluationSummary.gzipBody(JSON);
        assertThat(sent).startsWith((byte) 0x1f, (byte) 0x8b).hasSizeLessThan(JSON.length);

        byte[] decoded = EvaluationSummary.decodeBody(sent, contentEncoding);

        assertThat(decoded).isEqualTo(JSON);
        assertThat(EvaluationSummary.parse(decoded).counts()).singleElement()
                .extracting(EvaluationSummary.Count::count).isEqualTo(812L);
    }

    @Test
    void aBodyThatIsNotGzipIsRefused() {
        assertThatThrownBy(() -> EvaluationSummary.decodeBody(JSON, "gzip"))
                .isInstanceOf(EvaluationSummaryException.class).hasMessageContaining("not valid gzip");
    }

    @Test
    void aTruncatedGzipBodyIsRefused() {
        byte[] sent = EvaluationSummary.gzipBody(JSON);
        byte[] cut = Arrays.copyOf(sent, sent.length - 5);
        assertThatThrownBy(() -> EvaluationSummary.decodeBody(cut, "gzip"))
                .isInstanceOf(EvaluationSummaryException.class).hasMessageContaining("not valid gzip");
    }

    @Test
    void aGzipBodyWithAWrongChecksumIsRefused() {
        byte[] sent = EvaluationSummary.gzipBody(JSON);
        sent[sent.length - 8] ^= 0x01; // the CRC-32 of the trailer
        assertThatThrownBy(() -> EvaluationSummary.decodeBody(sent, "gzip"))
                .isInstanceOf(EvaluationSummaryException.class).hasMessageContaining("not valid gzip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "compress", "zstd", "gzip, gzip", "gzip, br"})
    void anotherCodingIsUnsupported(String contentEncoding) {
        byte[] sent = EvaluationSummary.gzipBody(JSON);
        assertThatThrownBy(() -> EvaluationSummary.decodeBody(sent, contentEncoding))
                .isInstanceOf(UnsupportedContentEncodingException.class)
                .hasMessageContaining("Content-Encoding " + contentEncoding + " is not supported");
    }

    @Test
    void aBodyInflatingToExactlyTheCapIsAcceptedAndOneByteMoreIsNot() throws Exception {
        byte[] atCap = padded(EvaluationSummary.MAX_BYTES);
        assertThat(EvaluationSummary.decodeBody(EvaluationSummary.gzipBody(atCap), "gzip")).isEqualTo(atCap);
        assertThat(EvaluationSummary.parse(atCap).counts()).hasSize(1);

        byte[] overCap = padded(EvaluationSummary.MAX_BYTES + 1);
        assertThatThrownBy(() -> EvaluationSummary.decodeBody(EvaluationSummary.gzipBody(overCap), "gzip"))
                .isInstanceOf(EvaluationSummaryException.class)
                .hasMessageContaining("inflates to more than " + EvaluationSummary.MAX_BYTES + " bytes");
    }

    @Test
    void aBodyOverTheCapAsSentIsRefusedInEitherCoding() {
        byte[] huge = new byte[EvaluationSummary.MAX_BYTES + 1];
        for (String coding : new String[] {null, "gzip"}) {
            assertThatThrownBy(() -> EvaluationSummary.decodeBody(huge, coding)).as(String.valueOf(coding))
                    .isInstanceOf(EvaluationSummaryException.class)
                    .hasMessageContaining("larger than " + EvaluationSummary.MAX_BYTES + " bytes");
        }
    }

    @Test
    void aGzipBombIsRefusedWithoutInflatingPastTheCap() throws Exception {
        byte[] bomb = bomb(256L << 20); // 256 MiB of zeros in a few hundred KB
        assertThat(bomb.length).isLessThan(EvaluationSummary.MAX_BYTES);

        assertThatThrownBy(() -> EvaluationSummary.decodeBody(bomb, "gzip"))
                .isInstanceOf(EvaluationSummaryException.class).hasMessageContaining("inflates to more than");

        // Inflating stops at the cap: about cap / 1000 compressed bytes are consumed (deflate's best ratio for zeros
        // is about 1000:1), not the whole bomb.
        CountingStream compressed = new CountingStream(new ByteArrayInputStream(bomb));
        assertThatThrownBy(() -> SummaryGzip.gunzip(compressed, EvaluationSummary.MAX_BYTES))
                .isInstanceOf(EvaluationSummaryException.class);
        assertThat(compressed.consumed).isLessThan(bomb.length / 20);
    }

    /** {@link #JSON} with spaces before its closing brace, {@code size} bytes in all: still a valid summary. */
    private static byte[] padded(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(JSON, 0, body, 0, JSON.length - 1);
        body[size - 1] = '}';
        return body;
    }

    private static byte[] bomb(long zeros) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (long written = 0; written < zeros; written += chunk.length) {
                gzip.write(chunk);
            }
        }
        return out.toByteArray();
    }

    private static final class CountingStream extends FilterInputStream {
        long consumed;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }
    }
}
