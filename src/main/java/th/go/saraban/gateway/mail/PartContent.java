package th.go.saraban.gateway.mail;

import static th.go.saraban.gateway.mail.ReadProblems.describe;
import static th.go.saraban.gateway.mail.ReadProblems.quote;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;

/**
 * Reads a part's content, falling back from its transfer encoding to lenient base64 (senders
 * truncate the last quantum) to the raw bytes, so that something is always registered. The decoding
 * that worked is remembered, so the same bytes can be streamed again later from the raw message
 * instead of being kept.
 */
final class PartContent {

    enum Decoding {
        TRANSFER("decoded"), LENIENT_BASE64("decoded leniently as base64"), RAW("raw bytes kept");

        final String outcome;

        Decoding(String outcome) {
            this.outcome = outcome;
        }
    }

    @FunctionalInterface
    interface ContentReader<T> {
        T read(InputStream content) throws IOException;
    }

    /** What a reader made of the content, and the decoding that produced it. */
    record Read<T>(T value, Decoding decoding) {
    }

    /** Looked up once: Jakarta Mail looks it up through a ServiceLoader on every call. */
    private static final StreamProvider STREAMS = StreamProvider.provider();

    private PartContent() {
    }

    /** Null when not even the raw bytes could be read; the problem is recorded. */
    static <T> Read<T> read(MimeLeaf leaf, String field, ReadProblems problems, ContentReader<T> reader) {
        String encoding = leaf.transferEncoding();
        if (!leaf.unstructured && encoding != null && !isKnown(encoding)) {
            problems.add(field + ": unknown transfer encoding " + quote(encoding) + ", raw bytes kept");
        }
        String firstFailure = null;
        for (Decoding decoding : leaf.unstructured ? List.of(Decoding.RAW) : List.of(Decoding.values())) {
            if (decoding == Decoding.LENIENT_BASE64 && !"base64".equalsIgnoreCase(encoding)) {
                continue;
            }
            try (InputStream in = open(leaf, decoding)) {
                T result = reader.read(in);
                if (firstFailure != null) {
                    problems.add(field + ": content not decodable (" + firstFailure + "), " + decoding.outcome);
                }
                return new Read<>(result, decoding);
            } catch (IOException | RuntimeException e) {
                if (e instanceof ReadProblems.ReadingInterrupted interrupted) {
                    throw interrupted;
                }
                firstFailure = firstFailure == null ? describe(e) : firstFailure;
            }
        }
        problems.add(field + ": content unreadable: " + firstFailure);
        return null;
    }

    /** The content as {@code decoding} reads it; the same bytes every time. */
    static InputStream open(MimeLeaf leaf, Decoding decoding) throws IOException {
        InputStream raw = leaf.entity.rawBody();
        String encoding = leaf.transferEncoding();
        return switch (decoding) {
            case TRANSFER -> encoding == null || !isKnown(encoding) ? raw : decode(leaf.entity, raw, encoding);
            case LENIENT_BASE64 -> Base64.getMimeDecoder().wrap(raw);
            case RAW -> raw;
        };
    }

    private static InputStream decode(MimeEntity entity, InputStream raw, String encoding) {
        return switch (encoding.toLowerCase(java.util.Locale.ROOT)) {
            case "base64" -> {
                byte[] plain = PlainBase64.decode(entity.bytes, entity.bodyFrom, entity.bodyTo);
                yield plain != null ? new java.io.ByteArrayInputStream(plain) : STREAMS.inputBase64(raw);
            }
            case "quoted-printable" -> STREAMS.inputQP(raw);
            case "uuencode", "x-uuencode", "x-uue" -> STREAMS.inputUU(raw);
            default -> raw;
        };
    }

    private static boolean isKnown(String encoding) {
        return switch (encoding.toLowerCase(java.util.Locale.ROOT)) {
            case "base64", "quoted-printable", "binary", "7bit", "8bit", "uuencode", "x-uuencode", "x-uue" -> true;
            default -> false;
        };
    }
}
