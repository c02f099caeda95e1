package th.go.saraban.gateway.outbound;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * Turns an {@link OutgoingLetter} into the exact bytes the agency sends from its central address.
 *
 * <p>Every header is written from a value validated here and nothing else: replies are built from
 * inbound mail, and a CR/LF, a group address or a second address smuggled through a subject, a
 * recipient or a filename would otherwise become a header of its own (a Bcc to someone else) or a
 * letter sent in a person's name. Jakarta Mail is only trusted with encoding; the headers it would
 * add by itself are kept out: the Message-ID is the caller's (stable across retries, so a resend is
 * the same letter), the Date comes from the injected clock, and the RFC 2231 filename is written
 * here because Angus decides parameter encoding from JVM-wide system properties. Body line breaks
 * become CRLF, the canonical form of MIME text, so the bytes are what SMTP will carry.
 */
public final class LetterComposer {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final int MAX_SUBJECT = 998;
    private static final int MAX_FILENAME = 255;
    /** Longest RFC 2231 value written on one line; beyond it, continuations keep lines under 998. */
    private static final int MAX_ENCODED_PARAMETER = 900;
    private static final int CONTINUATION_SEGMENT = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InternetAddress centralAddress;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public LetterComposer(String centralAddress, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.centralAddress = singleAddress("centralAddress", centralAddress);
        } catch (InvalidOutgoingLetterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A fresh msg-id on the central address's domain; store it with the letter so retries reuse it. */
    public static String newMessageId(String centralAddress) {
        InternetAddress address;
        try {
            address = singleAddress("centralAddress", centralAddress);
        } catch (InvalidOutgoingLetterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1);
        return "<saraban." + HexFormat.of().formatHex(random) + "@" + domain.toLowerCase(Locale.ROOT) + ">";
    }

    /**
     * @throws InvalidOutgoingLetterException when any field is unfit to become part of the message
     */
    public byte[] compose(OutgoingLetter letter) {
        if (letter == null) {
            throw new InvalidOutgoingLetterException("letter", "missing");
        }
        InternetAddress from = validFrom(letter.from());
        List<InternetAddress> to = validTo(letter.to());
        String subject = validSubject(letter.subject());
        String messageId = validMsgId("messageId", letter.messageId());
        String inReplyTo = letter.inReplyTo() == null ? null : validMsgId("inReplyTo", letter.inReplyTo());
        List<String> references = validReferences(letter.references());
        String text = validBody("textBody", letter.textBody());
        String html = validBody("htmlBody", letter.htmlBody());
        if (text == null && html == null) {
            throw new InvalidOutgoingLetterException("textBody", "a text or an HTML body is required");
        }
        List<ValidAttachment> attachments = validAttachments(letter.attachments());

        try {
            return write(from, to, subject, messageId, inReplyTo, references, text, html, attachments,
                    letter.autoReply());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not compose validated letter " + messageId, e);
        }
    }

    private byte[] write(InternetAddress from, List<InternetAddress> to, String subject, String messageId,
                         String inReplyTo, List<String> references, String text, String html,
                         List<ValidAttachment> attachments, boolean autoReply)
            throws MessagingException, IOException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setHeader("Date", date());
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setHeader("Subject", MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "B")));
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
        }
        if (!references.isEmpty()) {
            message.setHeader("References", MimeUtility.fold(12, String.join(" ", references)));
        }
        if (autoReply) {
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }

        if (attachments.isEmpty()) {
            fillBody(message, text, html);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            fillBody(body, text, html);
            mixed.addBodyPart(body);
            for (ValidAttachment attachment : attachments) {
                mixed.addBodyPart(attachmentPart(attachment));
            }
            message.setContent(mixed);
        }

        message.saveChanges();
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    private static void fillBody(jakarta.mail.internet.MimePart part, String text, String html)
            throws MessagingException {
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            part.setContent(alternative);
        } else if (text != null) {
            part.setText(text, "UTF-8", "plain");
        } else {
            part.setText(html, "UTF-8", "html");
        }
    }

    private static MimeBodyPart attachmentPart(ValidAttachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        part.setHeader("Content-Type", attachment.contentType());
        part.setHeader("Content-Transfer-Encoding", "base64");
        part.setHeader("Content-Disposition", "attachment;\r\n " + filenameParameter(attachment.filename()));
        return part;
    }

    private static String filenameParameter(String filename) {
        if (filename.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "filename=" + MimeUtility.quote(filename, HeaderTokenizer.MIME);
        }
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        int length = 0;
        for (int i = 0; i < filename.length(); ) {
            int codePoint = filename.codePointAt(i);
            i += Character.charCount(codePoint);
            String encoded = percentEncoded(codePoint);
            if (segment.length() > 0 && segment.length() + encoded.length() > CONTINUATION_SEGMENT) {
                segments.add(segment.toString());
                segment.setLength(0);
            }
            segment.append(encoded);
            length += encoded.length();
        }
        segments.add(segment.toString());
        if (length <= MAX_ENCODED_PARAMETER) {
            return "filename*=UTF-8''" + String.join("", segments);
        }
        StringBuilder continued = new StringBuilder();
        for (int n = 0; n < segments.size(); n++) {
            if (n > 0) {
                continued.append(";\r\n ");
            }
            continued.append("filename*").append(n).append("*=").append(n == 0 ? "UTF-8''" : "").append(segments.get(n));
        }
        return continued.toString();
    }

    private static String percentEncoded(int codePoint) {
        boolean attributeChar = codePoint < 0x7f && (Character.isLetterOrDigit(codePoint)
                || "!#$&+-.^_`|~".indexOf(codePoint) >= 0);
        if (attributeChar) {
            return Character.toString(codePoint);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return out.toString();
    }

    private String date() {
        MailDateFormat format = new MailDateFormat();
        format.setTimeZone(TimeZone.getTimeZone(clock.getZone()));
        return format.format(Date.from(clock.instant()));
    }

    private InternetAddress validFrom(String value) {
        InternetAddress from = singleAddress("from", value);
        if (!from.getAddress().equalsIgnoreCase(centralAddress.getAddress())) {
            throw new InvalidOutgoingLetterException("from", "only the central address " + centralAddress.getAddress()
                    + " may send; refused personal address " + visible(from.getAddress()));
        }
        return from;
    }

    private static List<InternetAddress> validTo(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidOutgoingLetterException("to", "at least one recipient is required");
        }
        List<InternetAddress> to = new ArrayList<>(values.size());
        for (String value : values) {
            to.add(singleAddress("to", value));
        }
        return to;
    }

    private static InternetAddress singleAddress(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOutgoingLetterException(field, "an e-mail address is required");
        }
        refuseControlCharacters(field, value);
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(value, true);
        } catch (AddressException e) {
            throw notSingleAddress(field, value);
        }
        String address = parsed.getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (parsed.isGroup() || at <= 0 || at == address.length() - 1) {
            throw notSingleAddress(field, value);
        }
        try {
            return new InternetAddress(address, parsed.getPersonal(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidOutgoingLetterException notSingleAddress(String field, String value) {
        return new InvalidOutgoingLetterException(field, "'" + visible(value) + "' is not a single e-mail address");
    }

    private static String validSubject(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOutgoingLetterException("subject", "must not be blank");
        }
        refuseControlCharacters("subject", value);
        if (value.length() > MAX_SUBJECT) {
            throw new InvalidOutgoingLetterException("subject", "is " + value.length()
                    + " characters long; at most " + MAX_SUBJECT + " are allowed");
        }
        return value;
    }

    /** Whether {@code value} is a msg-id the composer accepts in Message-ID, In-Reply-To and References. */
    static boolean isMessageId(String value) {
        return value != null && MSG_ID.matcher(value).matches()
                && value.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static String validMsgId(String field, String value) {
        if (value == null) {
            throw new InvalidOutgoingLetterException(field, "a msg-id is required");
        }
        refuseControlCharacters(field, value);
        if (!MSG_ID.matcher(value).matches()) {
            throw new InvalidOutgoingLetterException(field, "'" + visible(value) + "' is not a single <local@domain> msg-id");
        }
        return value;
    }

    private static List<String> validReferences(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> references = new ArrayList<>(values.size());
        for (String value : values) {
            references.add(validMsgId("references", value));
        }
        return references;
    }

    private static String validBody(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                throw new InvalidOutgoingLetterException(field, "contains control character " + codeOf(c));
            }
        }
        return LINE_BREAK.matcher(value).replaceAll("\r\n");
    }

    private static List<ValidAttachment> validAttachments(List<OutgoingAttachment> values) {
        if (values == null) {
            return List.of();
        }
        List<ValidAttachment> attachments = new ArrayList<>(values.size());
        for (int n = 0; n < values.size(); n++) {
            String field = "attachments[" + n + "]";
            OutgoingAttachment attachment = values.get(n);
            if (attachment == null) {
                throw new InvalidOutgoingLetterException(field, "missing");
            }
            if (attachment.content() == null) {
                throw new InvalidOutgoingLetterException(field + ".content", "missing");
            }
            attachments.add(new ValidAttachment(validFilename(field + ".filename", attachment.filename()),
                    validContentType(field + ".contentType", attachment.contentType()), attachment.content()));
        }
        return attachments;
    }

    private static String validFilename(String field, String value) {
        if (value == null) {
            throw new InvalidOutgoingLetterException(field, "must not be blank");
        }
        refuseControlCharacters(field, value);
        String name = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidOutgoingLetterException(field, "'" + visible(value) + "' has no file name");
        }
        if (name.length() > MAX_FILENAME) {
            throw new InvalidOutgoingLetterException(field, "is " + name.length()
                    + " characters long; at most " + MAX_FILENAME + " are allowed");
        }
        return name;
    }

    private static String validContentType(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOutgoingLetterException(field, "must not be blank");
        }
        refuseControlCharacters(field, value);
        ContentType type;
        try {
            type = new ContentType(value);
        } catch (ParseException e) {
            throw new InvalidOutgoingLetterException(field, "'" + visible(value) + "' is not a type/subtype");
        }
        if (type.getPrimaryType().isEmpty() || type.getSubType() == null || type.getSubType().isEmpty()
                || type.match("multipart/*") || type.match("message/*")) {
            throw new InvalidOutgoingLetterException(field, "'" + visible(value) + "' is not a type/subtype of a single file");
        }
        String normalised = type.toString();
        refuseControlCharacters(field, normalised);
        return normalised;
    }

    private static void refuseControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidOutgoingLetterException(field, "contains control character " + codeOf(c)
                        + " in '" + visible(value) + "'");
            }
        }
    }

    private static String codeOf(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static String visible(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(codeOf((char) c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    private record ValidAttachment(String filename, String contentType, byte[] content) {
    }

    /** Keeps the caller's Message-ID where Jakarta Mail would invent one from the host name. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
