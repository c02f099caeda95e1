package th.go.saraban.gateway.mail;

/**
 * How much of one letter the reader is willing to look at. Anyone on the internet can send the
 * central mailbox a letter built to make reading it slow or large (a million parts, nesting five
 * thousand deep, a header line of megabytes); past any of these limits the reader stops that kind of
 * work, records which limit and which setting in the letter's problems, and the letter is still
 * registered from its full raw bytes for a person to review. Ordinary official mail never comes near
 * the defaults.
 *
 * @param maxParts              MIME parts read per letter, containers included
 * @param maxDepth              nesting of multiparts and attached messages
 * @param maxHeaders            header fields read per header section
 * @param maxHeaderBytes        bytes of one header field, folded lines included; longer ones are cut
 * @param maxHeaderSectionBytes bytes of one header section; fields after it are not read
 * @param maxLineBytes          bytes of one line anywhere in the message; the message from a longer
 *                              line on is not read
 * @param maxBodyChars          characters of body text kept in the register
 * @param maxAttachments        attachments registered per letter
 * @param maxHtmlChars          characters of an HTML-only body turned into text: jsoup's tree builder
 *                              slows down on deeply nested tables (see {@link HtmlText}), so hostile
 *                              HTML must not reach it at any length
 */
public record ReadLimits(int maxParts, int maxDepth, int maxHeaders, int maxHeaderBytes, int maxHeaderSectionBytes,
                         int maxLineBytes, int maxBodyChars, int maxAttachments, int maxHtmlChars) {

    public static final String PARTS = "saraban.read.max-parts";
    public static final String DEPTH = "saraban.read.max-depth";
    public static final String HEADERS = "saraban.read.max-headers";
    public static final String HEADER_BYTES = "saraban.read.max-header-bytes";
    public static final String HEADER_SECTION_BYTES = "saraban.read.max-header-section-bytes";
    public static final String LINE_BYTES = "saraban.read.max-line-bytes";
    public static final String BODY_CHARS = "saraban.read.max-body-chars";
    public static final String ATTACHMENTS = "saraban.read.max-attachments";
    public static final String HTML_CHARS = "saraban.read.max-html-chars";

    public static final ReadLimits DEFAULTS = new ReadLimits(1000, 20, 1000, 64 * 1024, 512 * 1024,
            1024 * 1024, 1_000_000, 500, 256 * 1024);

    public ReadLimits {
        for (int limit : new int[] {maxParts, maxDepth, maxHeaders, maxHeaderBytes, maxHeaderSectionBytes,
                maxLineBytes, maxBodyChars, maxAttachments, maxHtmlChars}) {
            if (limit < 1) {
                throw new IllegalArgumentException("every read limit must be at least 1: " + limit);
            }
        }
    }
}
