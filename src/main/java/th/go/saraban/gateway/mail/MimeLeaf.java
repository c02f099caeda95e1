package th.go.saraban.gateway.mail;

import static th.go.saraban.gateway.mail.ReadProblems.describe;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MIME entity that carries content rather than other parts: the body candidate or an attachment.
 * What its headers say is read once here, leniently: a filename in parameters Jakarta Mail refuses
 * is still found, because officers need the name the sender gave.
 */
final class MimeLeaf {

    /** Applied to one header value, which the header limits keep short. */
    private static final Pattern RAW_FILENAME = Pattern.compile(
            "(?i)(?:^|[;\\s])(?:file)?name\\*?\\s*=\\s*(\"[^\"]*\"?|[^;\\s]+)");

    final MimeEntity entity;
    final String type;
    final String filename;
    final boolean attachmentDisposition;
    final String charset;
    /** The structure around it could not be parsed: its bytes are offered as they are, as plain text. */
    final boolean unstructured;

    private MimeLeaf(MimeEntity entity, String type, String filename, boolean attachmentDisposition, String charset,
                     boolean unstructured) {
        this.entity = entity;
        this.type = type;
        this.filename = filename;
        this.attachmentDisposition = attachmentDisposition;
        this.charset = charset;
        this.unstructured = unstructured;
    }

    static MimeLeaf of(MimeEntity entity, String type, ReadProblems problems) {
        return new MimeLeaf(entity, type, filename(entity, problems), isAttachmentDisposition(entity),
                charset(entity), false);
    }

    static MimeLeaf unstructured(MimeEntity entity) {
        return new MimeLeaf(entity.withoutHeaders(), "text/plain", null, false, null, true);
    }

    boolean isAttachment() {
        return filename != null || attachmentDisposition || !type.startsWith("text/");
    }

    boolean isInlineText(String textType) {
        return type.equals(textType) && !attachmentDisposition && filename == null;
    }

    /** The Content-Transfer-Encoding, null for none. */
    String transferEncoding() {
        return entity.transferEncoding();
    }

    private static String filename(MimeEntity entity, ReadProblems problems) {
        try {
            String name = entity.fileName();
            return name == null ? null : EncodedWords.decode(name, "filename", problems.lines());
        } catch (MessagingException | RuntimeException e) {
            problems.add("filename: unreadable parameters, read as best effort: " + describe(e));
            for (String header : new String[] {entity.disposition(), entity.contentType()}) {
                Matcher name = RAW_FILENAME.matcher(header == null ? "" : header);
                if (name.find()) {
                    String value = name.group(1).replace("\"", "");
                    return EncodedWords.decode(value, "filename", problems.lines());
                }
            }
            return null;
        }
    }

    private static boolean isAttachmentDisposition(MimeEntity entity) {
        try {
            String header = entity.disposition();
            return header != null && "attachment".equalsIgnoreCase(new ContentDisposition(header).getDisposition());
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    private static String charset(MimeEntity entity) {
        try {
            return new ContentType(entity.contentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
