package th.go.saraban.gateway.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the decoded content of one attachment again from the raw bytes of its message. Attachments
 * are not held decoded in memory: the reader computes their size and digest while streaming, and
 * the register streams the same decoding into the database.
 */
@FunctionalInterface
public interface ContentSource {

    /** A fresh stream of the decoded bytes, from the first byte; the caller closes it. */
    InputStream open() throws IOException;
}
