package th.go.saraban.gateway.outbound;

import java.util.Arrays;

/**
 * A file to attach to an outgoing letter. The filename is a display name only: the composer keeps
 * its last path segment. Equality compares the bytes, not the array reference, so two letters built
 * from the same values are equal.
 */
public record OutgoingAttachment(String filename, String contentType, byte[] content) {

    @Override
    public boolean equals(Object other) {
        return other instanceof OutgoingAttachment that
                && java.util.Objects.equals(filename, that.filename)
                && java.util.Objects.equals(contentType, that.contentType)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(filename, contentType) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "OutgoingAttachment[filename=" + filename + ", contentType=" + contentType
                + ", content=" + (content == null ? "null" : content.length + " bytes") + "]";
    }
}
