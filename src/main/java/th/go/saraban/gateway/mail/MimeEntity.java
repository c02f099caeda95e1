package th.go.saraban.gateway.mail;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * One MIME entity of a letter (the letter itself, a part, an attached message) as a place in a byte
 * array: its content headers and where its body lies. No bytes are copied; a body is read by
 * streaming over the array of the whole message. Jakarta Mail's parameter parsing (RFC 2231
 * continuations, quoted names) is reused, but not its part objects: each one looks its stream
 * provider up through a ServiceLoader, a millisecond per part.
 */
final class MimeEntity {

    final byte[] bytes;
    final int bodyFrom;
    final int bodyTo;
    private final String contentType;
    private final String transferEncoding;
    private final String disposition;

    private MimeEntity(byte[] bytes, int bodyFrom, int bodyTo, HeaderSection headers) {
        this.bytes = bytes;
        this.bodyFrom = bodyFrom;
        this.bodyTo = bodyTo;
        this.contentType = headers.first("Content-Type");
        this.transferEncoding = headers.first("Content-Transfer-Encoding");
        this.disposition = headers.first("Content-Disposition");
    }

    /** The entity whose header section was read already, its body running to {@code to}. */
    static MimeEntity of(byte[] bytes, HeaderSection headers, int to) {
        return new MimeEntity(bytes, Math.min(headers.bodyStart(), to), to, headers);
    }

    /** The entity in {@code bytes[from, to)}, headers first. */
    static MimeEntity read(byte[] bytes, int from, int to, ReadLimits limits, ReadProblems problems) {
        return of(bytes, HeaderSection.read(bytes, from, to, limits, problems), to);
    }

    /** A body whose structure could not be understood: its bytes, with no headers. */
    MimeEntity withoutHeaders() {
        return of(bytes, HeaderSection.empty(bodyFrom), bodyTo);
    }

    InputStream rawBody() {
        return new ByteArrayInputStream(bytes, bodyFrom, bodyTo - bodyFrom);
    }

    /** The Content-Type header; RFC 2045 5.2: plain text when there is none. */
    String contentType() {
        return contentType == null ? "text/plain" : contentType;
    }

    /** The Content-Disposition header, or null. */
    String disposition() {
        return disposition;
    }

    /** The Content-Transfer-Encoding token, or null when there is none. */
    String transferEncoding() {
        if (transferEncoding == null || transferEncoding.isBlank()) {
            return null;
        }
        String value = transferEncoding.trim();
        try {
            HeaderTokenizer tokens = new HeaderTokenizer(value, HeaderTokenizer.MIME);
            for (HeaderTokenizer.Token token = tokens.next(); token.getType() != HeaderTokenizer.Token.EOF;
                 token = tokens.next()) {
                if (token.getType() == HeaderTokenizer.Token.ATOM) {
                    return token.getValue();
                }
            }
        } catch (ParseException unparseable) {
            // the value as written, which will be reported as an unknown encoding
        }
        return value;
    }

    /**
     * The filename parameter of Content-Disposition, else the name parameter of Content-Type, as
     * written (encoded words are decoded by the caller).
     *
     * @throws ParseException when the Content-Disposition parameters cannot be parsed
     */
    String fileName() throws ParseException {
        String filename = null;
        if (disposition != null) {
            filename = new ContentDisposition(disposition).getParameter("filename");
        }
        if (filename == null && contentType != null) {
            try {
                filename = new ContentType(contentType).getParameter("name");
            } catch (ParseException unparseable) {
                // no name from an unreadable Content-Type; the caller searches the raw header
            }
        }
        return filename;
    }
}
