package th.go.saraban.gateway.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the raw bytes of one received message into a {@link Letter}. A message the agency's server
 * accepted has legally been received, however broken it is, so this never throws: each failure is
 * caught where it happens, written to {@code problems}, and the rest of the message is still read.
 *
 * <p>Jakarta Mail reads most of its parsing switches (multipart leniency, RFC 2231/2047 filename
 * decoding, strict text decoding) from JVM-wide system properties, once, when its classes load. A
 * library must not change those for everyone, so the Session gets the settings it honours and the
 * rest is done here: headers are read byte-for-byte and decoded by {@link EncodedWords} and
 * {@link MimeCharsets}, missing boundaries and unknown encodings are checked and reported.
 */
public final class LetterReader {

    static final int MAX_DEPTH = 20;
    private static final int PROBLEM_QUOTE_LIMIT = 200;
    private static final Pattern TRAILING_OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})\\s*(\\(.*\\))?\\s*$");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern LEADING_MEDIA_TYPE = Pattern.compile("\\s*([!#$%&'*+.^`|~\\w-]+/[!#$%&'*+.^`|~\\w-]+)");
    private static final Pattern RAW_FILENAME = Pattern.compile("(?i)(?:^|[;\\s])(?:file)?name\\*?\\s*=\\s*(\"[^\"]*\"?|[^;\\s]+)");
    private static final Pattern PLAUSIBLE_ADDRESS = Pattern.compile("(\"[^\"]*\"|[^\\s\"<>@]+)@[^\\s\"<>@]+");
    private static final Pattern AUTOMATIC_LOCAL_PART = Pattern.compile(
            "(?i)(^|[<\\s\"])(mailer-daemon|postmaster)@");

    private final long maxAttachmentBytesInMemory;
    private final Session session;

    public LetterReader(long maxAttachmentBytesInMemory) {
        this.maxAttachmentBytesInMemory = maxAttachmentBytesInMemory;
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(properties);
    }

    public Letter read(byte[] raw) {
        Reading reading = new Reading();
        try {
            reading.readAll(raw == null ? new byte[0] : raw);
        } catch (RuntimeException | StackOverflowError unexpected) {
            reading.problems.add("message: unreadable: " + describe(unexpected));
        }
        return reading.letter();
    }

    /** The state of one read, so that whatever was found before a failure is still returned. */
    private final class Reading {
        final List<String> problems = new ArrayList<>();
        final List<LetterAttachment> attachments = new ArrayList<>();
        String messageId;
        String dateHeader;
        OffsetDateTime sentAt;
        String senderAddress;
        String senderName;
        String subject;
        String bodyText;
        boolean autoSubmitted;
        final List<String> refersTo = new ArrayList<>();
        final List<String> authenticationResults = new ArrayList<>();
        private boolean reportedTooDeep;

        Letter letter() {
            return new Letter(messageId, dateHeader, sentAt, senderAddress, senderName, subject, bodyText,
                    attachments, problems, autoSubmitted, refersTo, authenticationResults);
        }

        void readAll(byte[] raw) {
            if (raw.length == 0) {
                problems.add("message: empty");
                return;
            }
            InternetHeaders headers = readHeaders(raw);
            messageId = trimToNull(MimeCharsets.decodeRawHeader(first(headers, "Message-ID"), "message-id", problems));
            subject = EncodedWords.decode(first(headers, "Subject"), "subject", problems);
            readDate(first(headers, "Date"));
            readSender(first(headers, "From"));
            autoSubmitted = isAutomatic(headers);
            readThread(first(headers, "In-Reply-To"));
            readThread(first(headers, "References"));
            String[] results = headers.getHeader("Authentication-Results");
            for (String value : results == null ? new String[0] : results) {
                authenticationResults.add(MimeUtility.unfold(value));
            }
            readParts(raw);
        }

        private void readThread(String header) {
            if (header == null) {
                return;
            }
            Matcher id = MSG_ID.matcher(header);
            while (id.find()) {
                if (!refersTo.contains(id.group())) {
                    refersTo.add(id.group());
                }
            }
        }

        private InternetHeaders readHeaders(byte[] raw) {
            InternetHeaders headers;
            try {
                // without allowutf8 each byte becomes one char, so undeclared 8-bit text survives to be decoded
                headers = new InternetHeaders(new ByteArrayInputStream(raw), false);
            } catch (MessagingException | RuntimeException e) {
                problems.add("headers: unreadable: " + describe(e));
                return new InternetHeaders();
            }
            int malformed = 0;
            int count = 0;
            for (Enumeration<String> lines = headers.getAllHeaderLines(); lines.hasMoreElements(); count++) {
                String line = lines.nextElement();
                int colon = line.indexOf(':');
                if (colon <= 0 || !HEADER_NAME.matcher(line.substring(0, colon).trim()).matches()) {
                    malformed++;
                }
            }
            if (malformed > 0) {
                problems.add("headers: " + malformed + " of " + count + " header lines are malformed");
            }
            boolean anyAddressingHeader = false;
            for (String name : List.of("From", "Sender", "To", "Date", "Subject", "Message-ID")) {
                anyAddressingHeader |= first(headers, name) != null;
            }
            if (!anyAddressingHeader) {
                problems.add("headers: none of From, Sender, To, Date, Subject, Message-ID present");
            }
            return headers;
        }

        private void readDate(String value) {
            dateHeader = trimToNull(MimeCharsets.decodeRawHeader(value, "date", problems));
            if (dateHeader == null) {
                return;
            }
            try {
                java.util.Date parsed = new MailDateFormat().parse(dateHeader);
                ZoneOffset offset = ZoneOffset.UTC;
                Matcher zone = TRAILING_OFFSET.matcher(dateHeader);
                if (zone.find()) {
                    int minutes = Integer.parseInt(zone.group(2)) * 60 + Integer.parseInt(zone.group(3));
                    if (minutes <= 18 * 60) {
                        offset = ZoneOffset.ofTotalSeconds((zone.group(1).equals("-") ? -minutes : minutes) * 60);
                    }
                }
                OffsetDateTime candidate = parsed.toInstant().atOffset(offset);
                // PostgreSQL's timestamptz stops at year 294276 and rejects year 0; a sender's typo must
                // not make the letter unstorable
                if (candidate.getYear() < 1 || candidate.getYear() > 9999) {
                    problems.add("date: year " + candidate.getYear() + " out of range in " + quote(dateHeader));
                    return;
                }
                sentAt = candidate;
            } catch (ParseException | RuntimeException e) {
                problems.add("date: unparseable " + quote(dateHeader));
            }
        }

        private void readSender(String value) {
            String from = trimToNull(MimeCharsets.decodeRawHeader(value, "from", problems));
            if (from == null) {
                return;
            }
            InternetAddress[] addresses;
            try {
                addresses = InternetAddress.parseHeader(from, false);
            } catch (AddressException | RuntimeException e) {
                problems.add("from: unparseable " + quote(from));
                return;
            }
            if (addresses.length == 0) {
                return;
            }
            InternetAddress sender = addresses[0];
            if (sender.isGroup()) {
                String group = sender.getAddress();
                senderName = trimToNull(EncodedWords.decode(group.substring(0, group.indexOf(':')), "from", problems));
                try {
                    InternetAddress[] members = sender.getGroup(false);
                    if (members == null || members.length == 0) {
                        return;
                    }
                    sender = members[0];
                } catch (AddressException e) {
                    problems.add("from: unparseable group " + quote(from));
                    return;
                }
            }
            String address = trimToNull(sender.getAddress());
            if (address != null && !PLAUSIBLE_ADDRESS.matcher(address).matches()) {
                // the lenient parser accepts anything; a reply could not be sent to this
                problems.add("from: unparseable " + quote(from));
                return;
            }
            senderAddress = address;
            String personal = sender.getPersonal();
            if (personal != null && personal.contains("=?")) {
                personal = EncodedWords.decode(personal, "from", problems);
            }
            if (trimToNull(personal) != null) {
                senderName = personal.trim();
            }
        }

        private boolean isAutomatic(InternetHeaders headers) {
            String autoSubmittedValue = withoutComments(first(headers, "Auto-Submitted"));
            if (autoSubmittedValue != null && !autoSubmittedValue.equals("no")) {
                return true;
            }
            String precedence = withoutComments(first(headers, "Precedence"));
            if (precedence != null && List.of("bulk", "junk", "list").contains(precedence)) {
                return true;
            }
            for (Enumeration<Header> all = headers.getAllHeaders(); all.hasMoreElements(); ) {
                if (all.nextElement().getName().toLowerCase(Locale.ROOT).startsWith("list-")) {
                    return true;
                }
            }
            String returnPath = first(headers, "Return-Path");
            if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
                return true;
            }
            if (senderAddress != null) {
                int at = senderAddress.lastIndexOf('@');
                String local = (at < 0 ? senderAddress : senderAddress.substring(0, at)).toLowerCase(Locale.ROOT);
                return local.equals("mailer-daemon") || local.equals("postmaster");
            }
            String from = first(headers, "From");
            return from != null && AUTOMATIC_LOCAL_PART.matcher(from).find();
        }

        private void readParts(byte[] raw) {
            List<Leaf> leaves = new ArrayList<>();
            try {
                walk(new MimeMessage(session, new SharedByteArrayInputStream(raw)), 0, leaves);
            } catch (MessagingException | RuntimeException e) {
                problems.add("body: MIME structure unreadable: " + describe(e));
                leaves.add(Leaf.unstructured(bodyAfterHeaders(raw)));
            }
            Leaf body = chooseBody(leaves);
            if (body != null) {
                bodyText = body.text(this);
            }
            int position = 0;
            for (Leaf leaf : leaves) {
                if (leaf != body && leaf.isAttachment()) {
                    position++;
                    attachments.add(readAttachment(leaf, position));
                }
            }
        }

        private void walk(Part part, int depth, List<Leaf> leaves) {
            String type = baseType(part, depth == 0 ? "body" : "part");
            if (type.startsWith("multipart/") || type.equals("message/rfc822")) {
                if (depth >= MAX_DEPTH) {
                    if (!reportedTooDeep) {
                        problems.add("body: MIME nesting deeper than " + MAX_DEPTH + " levels, inner parts not read");
                        reportedTooDeep = true;
                    }
                    return;
                }
                if (type.equals("message/rfc822")) {
                    walkMessage(part, depth, leaves);
                } else {
                    walkMultipart(part, type, depth, leaves);
                }
                return;
            }
            leaves.add(Leaf.of(part, type, this));
        }

        private void walkMessage(Part part, int depth, List<Leaf> leaves) {
            try (InputStream content = decodedContent(part, "body")) {
                walk(new MimeMessage(session, content), depth + 1, leaves);
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add("body: attached message unreadable: " + describe(e));
                leaves.add(Leaf.of(part, "message/rfc822", this));
            }
        }

        private void walkMultipart(Part part, String type, int depth, List<Leaf> leaves) {
            try {
                if (new ContentType(part.getContentType()).getParameter("boundary") == null) {
                    problems.add("body: " + type + " has no boundary parameter");
                }
            } catch (MessagingException | RuntimeException alreadyReported) {
                // baseType has recorded the unreadable Content-Type
            }
            MimeMultipart multipart;
            int count;
            try {
                multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
                count = multipart.getCount();
            } catch (MessagingException | RuntimeException e) {
                problems.add("body: MIME structure unreadable: " + describe(e));
                leaves.add(Leaf.unstructured(part));
                return;
            }
            for (int i = 0; i < count; i++) {
                try {
                    walk(multipart.getBodyPart(i), depth + 1, leaves);
                } catch (MessagingException | RuntimeException e) {
                    problems.add("body: part unreadable: " + describe(e));
                }
            }
            try {
                if (!multipart.isComplete()) {
                    problems.add("body: " + type + " has no closing boundary");
                }
            } catch (MessagingException | RuntimeException e) {
                problems.add("body: MIME structure unreadable: " + describe(e));
            }
        }

        private Leaf chooseBody(List<Leaf> leaves) {
            for (String type : List.of("text/plain", "text/html")) {
                for (Leaf leaf : leaves) {
                    if (leaf.type.equals(type) && !leaf.attachmentDisposition && leaf.filename == null) {
                        return leaf;
                    }
                }
            }
            return null;
        }

        private LetterAttachment readAttachment(Leaf leaf, int position) {
            String field = "attachment " + position;
            Content content = readContent(leaf, field, in -> {
                MessageDigest sha256 = Digests.newSha256();
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                long size = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                    size += n;
                    if (kept != null && size <= maxAttachmentBytesInMemory) {
                        kept.write(buffer, 0, n);
                    } else {
                        kept = null;
                    }
                }
                return new Content(size, Digests.hex(sha256.digest()), kept == null ? null : kept.toByteArray());
            });
            if (content == null) {
                content = new Content(0, Digests.sha256Hex(new byte[0]), new byte[0]);
            } else if (content.bytes == null) {
                problems.add(field + ": " + content.size + " bytes exceed the in-memory limit of "
                        + maxAttachmentBytesInMemory + ", content not kept");
            }
            return new LetterAttachment(position, leaf.filename, leaf.type, content.size, content.sha256,
                    content.bytes);
        }

        /**
         * Reads a part's content, falling back from its transfer encoding to lenient base64 (senders
         * truncate the last quantum) to the raw bytes, so that something is always registered.
         */
        <T> T readContent(Leaf leaf, String field, ContentReader<T> reader) {
            String firstFailure = null;
            for (Decoding decoding : leaf.unstructured ? List.of(Decoding.RAW) : List.of(Decoding.values())) {
                if (decoding == Decoding.LENIENT_BASE64 && !isBase64(leaf.part)) {
                    continue;
                }
                try (InputStream in = open(leaf.part, decoding, field)) {
                    T result = reader.read(in);
                    if (firstFailure != null) {
                        problems.add(field + ": content not decodable (" + firstFailure + "), " + decoding.outcome);
                    }
                    return result;
                } catch (IOException | MessagingException | RuntimeException e) {
                    firstFailure = firstFailure == null ? describe(e) : firstFailure;
                }
            }
            problems.add(field + ": content unreadable: " + firstFailure);
            return null;
        }

        private InputStream open(Part part, Decoding decoding, String field) throws MessagingException, IOException {
            return switch (decoding) {
                case TRANSFER -> decodedContent(part, field);
                case LENIENT_BASE64 -> Base64.getMimeDecoder().wrap(rawContent(part));
                case RAW -> rawContent(part);
            };
        }

        private String baseType(Part part, String field) {
            String header = null;
            try {
                header = part.getContentType();
                return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
            } catch (MessagingException | RuntimeException e) {
                Matcher leading = LEADING_MEDIA_TYPE.matcher(header == null ? "" : header);
                // RFC 2045 5.2: a Content-Type that cannot be understood is read as plain text
                String type = leading.lookingAt() ? leading.group(1).toLowerCase(Locale.ROOT) : "text/plain";
                problems.add(field + ": unreadable Content-Type " + quote(header) + ", read as " + type);
                return type;
            }
        }

        private InputStream decodedContent(Part part, String field) throws MessagingException, IOException {
            String encoding = ((MimePart) part).getEncoding();
            if (encoding == null) {
                return rawContent(part);
            }
            try {
                return MimeUtility.decode(rawContent(part), encoding);
            } catch (MessagingException unknownEncoding) {
                problems.add(field + ": unknown transfer encoding " + quote(encoding) + ", raw bytes kept");
                return rawContent(part);
            }
        }
    }

    private enum Decoding {
        TRANSFER("decoded"), LENIENT_BASE64("decoded leniently as base64"), RAW("raw bytes kept");

        final String outcome;

        Decoding(String outcome) {
            this.outcome = outcome;
        }
    }

    @FunctionalInterface
    private interface ContentReader<T> {
        T read(InputStream content) throws IOException;
    }

    private record Content(long size, String sha256, byte[] bytes) {
    }

    private static boolean isBase64(Part part) {
        try {
            return "base64".equalsIgnoreCase(((MimePart) part).getEncoding());
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    /** A part that carries content: the body candidate or an attachment. */
    private static final class Leaf {
        final Part part;
        final String type;
        final String filename;
        final boolean attachmentDisposition;
        final String charset;
        final boolean unstructured;

        private Leaf(Part part, String type, String filename, boolean attachmentDisposition, String charset,
                     boolean unstructured) {
            this.part = part;
            this.type = type;
            this.filename = filename;
            this.attachmentDisposition = attachmentDisposition;
            this.charset = charset;
            this.unstructured = unstructured;
        }

        static Leaf of(Part part, String type, Reading reading) {
            return new Leaf(part, type, filename(part, reading), isAttachmentDisposition(part),
                    charset(part), false);
        }

        /** A part whose structure could not be parsed: its raw bytes, offered as plain text. */
        static Leaf unstructured(Part part) {
            return new Leaf(part, "text/plain", null, false, null, true);
        }

        boolean isAttachment() {
            return filename != null || attachmentDisposition || !type.startsWith("text/");
        }

        String text(Reading reading) {
            byte[] bytes = reading.readContent(this, "body", InputStream::readAllBytes);
            if (bytes == null) {
                return null;
            }
            String text = MimeCharsets.decode(bytes, charset, "body", reading.problems);
            return type.equals("text/html") ? HtmlText.strip(text) : text;
        }

        private static String filename(Part part, Reading reading) {
            try {
                String name = part.getFileName();
                return name == null ? null : EncodedWords.decode(name, "filename", reading.problems);
            } catch (MessagingException | RuntimeException e) {
                reading.problems.add("filename: unreadable parameters, read as best effort: " + describe(e));
                for (String header : List.of("Content-Disposition", "Content-Type")) {
                    try {
                        String[] values = part.getHeader(header);
                        Matcher name = RAW_FILENAME.matcher(values == null ? "" : MimeUtility.unfold(values[0]));
                        if (name.find()) {
                            String value = name.group(1).replace("\"", "");
                            return EncodedWords.decode(value, "filename", reading.problems);
                        }
                    } catch (MessagingException | RuntimeException again) {
                        // try the next header
                    }
                }
                return null;
            }
        }

        private static boolean isAttachmentDisposition(Part part) {
            try {
                String[] header = part.getHeader("Content-Disposition");
                return header != null && header.length > 0
                        && "attachment".equalsIgnoreCase(new ContentDisposition(header[0]).getDisposition());
            } catch (MessagingException | RuntimeException e) {
                return false;
            }
        }

        private static String charset(Part part) {
            try {
                return new ContentType(part.getContentType()).getParameter("charset");
            } catch (MessagingException | RuntimeException e) {
                return null;
            }
        }
    }

    private static Part bodyAfterHeaders(byte[] raw) {
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i + 1 < raw.length && raw[i + 1] == '\n'
                    || i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n')) {
                start = i + (raw[i + 1] == '\n' ? 2 : 3);
                break;
            }
        }
        try {
            return new MimeBodyPart(new InternetHeaders(), java.util.Arrays.copyOfRange(raw, start, raw.length));
        } catch (MessagingException e) {
            throw new IllegalStateException("a part built from bytes in memory cannot fail", e);
        }
    }

    private static InputStream rawContent(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart bodyPart) {
            return bodyPart.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return part.getInputStream();
    }

    private static String first(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? null : MimeUtility.unfold(value);
    }

    private static String withoutComments(String value) {
        return value == null ? null : trimToNull(value.replaceAll("\\([^)]*\\)", "").toLowerCase(Locale.ROOT));
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        return "'" + (value.length() > PROBLEM_QUOTE_LIMIT ? value.substring(0, PROBLEM_QUOTE_LIMIT) + "..." : value) + "'";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
