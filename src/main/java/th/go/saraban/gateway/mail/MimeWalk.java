package th.go.saraban.gateway.mail;

import static th.go.saraban.gateway.mail.ReadProblems.quote;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the MIME tree of a letter (RFC 2045/2046) down to the parts that carry content, within the
 * read limits on parts and nesting. This is where a hostile letter would make reading cost more
 * than its size, so the walk counts every part it enters, stops at the limits with one problem line
 * naming the setting, and stops when its thread is interrupted.
 */
final class MimeWalk {

    private static final Pattern LEADING_MEDIA_TYPE = Pattern.compile(
            "\\s*([!#$%&'*+.^`|~\\w-]+/[!#$%&'*+.^`|~\\w-]+)");

    private final ReadLimits limits;
    private final ReadProblems problems;
    private final List<MimeLeaf> leaves = new ArrayList<>();
    private int parts;

    private MimeWalk(ReadLimits limits, ReadProblems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    /** The content-carrying parts of the letter, in the order they appear. */
    static List<MimeLeaf> leaves(MimeEntity letter, ReadLimits limits, ReadProblems problems) {
        MimeWalk walk = new MimeWalk(limits, problems);
        walk.walk(letter, 0);
        return walk.leaves;
    }

    private void walk(MimeEntity entity, int depth) {
        ReadProblems.stopIfInterrupted();
        String type = baseType(entity, depth == 0 ? "body" : "part");
        boolean message = type.equals("message/rfc822");
        if (!message && !type.startsWith("multipart/")) {
            leaves.add(MimeLeaf.of(entity, type, problems));
            return;
        }
        if (depth >= limits.maxDepth()) {
            problems.limitReached(ReadLimits.DEPTH, "MIME nesting deeper than " + limits.maxDepth() + " levels",
                    "inner parts not read");
            return;
        }
        if (message) {
            walkMessage(entity, depth);
        } else {
            walkMultipart(entity, type, depth);
        }
    }

    private void walkMessage(MimeEntity entity, int depth) {
        MimeEntity body = decodedContainer(entity, "attached message");
        if (body == null) {
            leaves.add(MimeLeaf.of(entity, "message/rfc822", problems));
            return;
        }
        if (enterPart()) {
            walk(MimeEntity.read(body.bytes, body.bodyFrom, body.bodyTo, limits, problems), depth + 1);
        }
    }

    private void walkMultipart(MimeEntity entity, String type, int depth) {
        String boundary = null;
        try {
            boundary = new ContentType(entity.contentType()).getParameter("boundary");
            if (boundary == null) {
                problems.add("body: " + type + " has no boundary parameter");
            }
        } catch (MessagingException | RuntimeException alreadyReported) {
            // baseType has recorded the unreadable Content-Type
        }
        MimeEntity body = decodedContainer(entity, type);
        if (body == null) {
            leaves.add(MimeLeaf.unstructured(entity));
            return;
        }
        MultipartBody multipart = MultipartBody.split(body.bytes, body.bodyFrom, body.bodyTo, boundary,
                Math.max(limits.maxParts() - parts, 0) + 1);
        if (multipart == null) {
            problems.add("body: MIME structure unreadable: Missing start boundary");
            leaves.add(MimeLeaf.unstructured(body));
            return;
        }
        for (int[] part : multipart.parts()) {
            if (!enterPart()) {
                return;
            }
            walk(MimeEntity.read(body.bytes, part[0], part[1], limits, problems), depth + 1);
        }
        // a cut multipart has returned above, at the part over the limit
        if (!multipart.complete()) {
            problems.add("body: " + type + " has no closing boundary");
        }
    }

    /** Counts one more part; false, with the limit recorded, when there are too many. */
    private boolean enterPart() {
        if (parts >= limits.maxParts()) {
            problems.limitReached(ReadLimits.PARTS, "more than " + limits.maxParts() + " MIME parts",
                    "parts after " + limits.maxParts() + " not read");
            return false;
        }
        parts++;
        return true;
    }

    /**
     * The body of a container as bytes to split. Containers should not be transfer-encoded (RFC 2045
     * 6.4), so their body is used where it lies; when a sender encoded one anyway it is decoded once.
     */
    private MimeEntity decodedContainer(MimeEntity entity, String what) {
        String encoding = entity.transferEncoding();
        if (encoding == null || List.of("7bit", "8bit", "binary").contains(encoding.toLowerCase(Locale.ROOT))) {
            return entity;
        }
        MimeLeaf asLeaf = MimeLeaf.of(entity, what, new ReadProblems());
        PartContent.Read<byte[]> decoded = PartContent.read(asLeaf, "body: " + what, problems, MimeWalk::readAll);
        if (decoded == null) {
            return null;
        }
        byte[] bytes = decoded.value();
        return MimeEntity.of(bytes, HeaderSection.empty(0), bytes.length);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            ReadProblems.stopIfInterrupted();
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private String baseType(MimeEntity entity, String field) {
        String header = null;
        try {
            header = entity.contentType();
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            Matcher leading = LEADING_MEDIA_TYPE.matcher(header == null ? "" : header);
            // RFC 2045 5.2: a Content-Type that cannot be understood is read as plain text
            String type = leading.lookingAt() ? leading.group(1).toLowerCase(Locale.ROOT) : "text/plain";
            problems.add(field + ": unreadable Content-Type " + quote(header) + ", read as " + type);
            return type;
        }
    }
}
