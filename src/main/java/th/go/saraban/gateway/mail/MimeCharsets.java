package th.go.saraban.gateway.mail;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns bytes into text the way Thai mail needs. Thai senders label windows-874 text as TIS-620,
 * ISO-8859-11 or cp874 and often send 8-bit headers with no label at all, so every Thai label is
 * read as windows-874 (a superset of TIS-620, as the WHATWG encoding standard does) and unlabelled
 * bytes are tried as UTF-8, then as Thai. Nothing here throws: a guess is recorded as a problem.
 */
final class MimeCharsets {

    private static final Charset THAI = Charset.forName("x-windows-874");

    private static final Map<String, Charset> THAI_LABELS = Map.ofEntries(
            Map.entry("windows-874", THAI), Map.entry("windows874", THAI), Map.entry("x-windows-874", THAI),
            Map.entry("cp874", THAI), Map.entry("ms874", THAI), Map.entry("dos-874", THAI),
            Map.entry("tis-620", THAI), Map.entry("tis620", THAI), Map.entry("tis620-0", THAI),
            Map.entry("tis620.2529-1", THAI), Map.entry("tis620.2533", THAI), Map.entry("tis-620-2533", THAI),
            Map.entry("iso-8859-11", THAI), Map.entry("iso8859-11", THAI), Map.entry("iso_8859-11", THAI),
            Map.entry("x-iso-8859-11", THAI));

    private MimeCharsets() {
    }

    /** The charset for a MIME label ({@code utf-8}, {@code "TIS620"}, {@code utf-8*th}), if Java has one. */
    static Optional<Charset> forLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String name = label.trim().replace("\"", "");
        int language = name.indexOf('*');
        if (language >= 0) {
            name = name.substring(0, language);
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.startsWith("charset=")) {
            name = name.substring("charset=".length()).trim();
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Charset thai = THAI_LABELS.get(name);
        if (thai != null) {
            return Optional.of(thai);
        }
        for (String candidate : List.of(name, MimeUtility.javaCharset(name))) {
            try {
                if (Charset.isSupported(candidate)) {
                    return Optional.of(Charset.forName(candidate));
                }
            } catch (IllegalArgumentException illegalName) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    /** Bytes in a declared charset; unknown or wrong labels fall back to {@link #decodeUnlabelled}. */
    static String decode(byte[] bytes, String label, String field, List<String> problems) {
        if (label == null || label.isBlank()) {
            return decodeUnlabelled(bytes, field, problems);
        }
        Optional<Charset> charset = forLabel(label);
        if (charset.isEmpty()) {
            problems.add(field + ": unknown charset " + label.trim());
            return decodeUnlabelled(bytes, field, problems);
        }
        Optional<String> text = strict(bytes, charset.get());
        if (text.isPresent()) {
            return text.get();
        }
        problems.add(field + ": bytes are not valid " + label.trim() + ", decoded as best effort");
        return decodeUnlabelled(bytes, field, new java.util.ArrayList<>());
    }

    /** Bytes with no charset label: UTF-8 if they are valid UTF-8 (ASCII is), else Thai. */
    static String decodeUnlabelled(byte[] bytes, String field, List<String> problems) {
        Optional<String> text = strict(bytes, StandardCharsets.UTF_8).or(() -> strict(bytes, THAI));
        if (text.isPresent()) {
            return text.get();
        }
        problems.add(field + ": 8-bit text is neither UTF-8 nor Thai, decoded with replacement characters");
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Header text as parsed without a charset holds one char per byte; raw 8-bit bytes in it are
     * undeclared text (RFC 6532 UTF-8, or Thai from older clients) and are decoded here.
     */
    static String decodeRawHeader(String latin1, String field, List<String> problems) {
        if (latin1 == null) {
            return null;
        }
        boolean eightBit = false;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xFF) {
                return latin1;
            }
            eightBit |= c >= 0x80;
        }
        return eightBit ? decodeUnlabelled(latin1.getBytes(StandardCharsets.ISO_8859_1), field, problems) : latin1;
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
