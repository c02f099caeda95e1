package th.go.saraban.gateway.mail;

import static th.go.saraban.gateway.mail.ReadProblems.describe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the raw bytes of one received message into a {@link Letter}. A message the agency's server
 * accepted has legally been received, however broken or hostile it is, so this never throws: each
 * failure is caught where it happens and written to the problems, limits stop work that would grow
 * faster than the message (see {@link ReadLimits}), an interrupted thread stops the read, and
 * whatever was read until then is still returned. The steps: the header section and the sender's
 * facts ({@link HeaderFacts}), whether a machine sent it ({@link AutomaticMail}), the MIME walk
 * ({@link MimeWalk}), the body text ({@link BodyChoice}), then the attachments, digested while
 * streaming and never held in memory.
 *
 * <p>Jakarta Mail reads its parsing switches from JVM-wide system properties once, so it is used
 * here only for parameter parsing (filenames, charsets, boundaries) and transfer decoding; header
 * sections and multipart bodies are read by this package.
 */
public final class LetterReader {

    private final ReadLimits limits;

    public LetterReader(ReadLimits limits) {
        this.limits = limits;
    }

    public Letter read(byte[] raw) {
        Reading reading = new Reading();
        try {
            reading.readAll(raw == null ? new byte[0] : raw);
        } catch (ReadProblems.ReadingInterrupted interrupted) {
            reading.problems.add("message: reading stopped because its thread was interrupted (the time limit"
                    + " for one letter?); what was read until then is kept");
        } catch (RuntimeException | StackOverflowError unexpected) {
            reading.problems.add("message: unreadable: " + describe(unexpected));
        }
        return reading.letter();
    }

    /** The state of one read, so that whatever was found before a failure is still returned. */
    private final class Reading {
        final ReadProblems problems = new ReadProblems();
        final List<LetterAttachment> attachments = new ArrayList<>();
        HeaderFacts facts = new HeaderFacts();
        String bodyText;
        boolean autoSubmitted;

        Letter letter() {
            return new Letter(facts.messageId, facts.dateHeader, facts.sentAt, facts.senderAddress,
                    facts.senderName, facts.subject, bodyText, attachments, problems.lines(), autoSubmitted,
                    facts.refersTo, facts.authenticationResults);
        }

        void readAll(byte[] raw) {
            if (raw.length == 0) {
                problems.add("message: empty");
                return;
            }
            int end = readableEnd(raw);
            HeaderSection headers = HeaderSection.read(raw, 0, end, limits, problems);
            facts = HeaderFacts.read(headers, problems);
            autoSubmitted = AutomaticMail.isAutomatic(headers, facts.senderAddress);
            List<MimeLeaf> leaves = MimeWalk.leaves(MimeEntity.of(raw, headers, end), limits, problems);
            MimeLeaf body = BodyChoice.choose(leaves);
            if (body != null) {
                bodyText = BodyChoice.text(body, limits, problems);
            }
            int position = 0;
            for (MimeLeaf leaf : leaves) {
                if (leaf == body || !leaf.isAttachment()) {
                    continue;
                }
                if (position == limits.maxAttachments()) {
                    problems.limitReached(ReadLimits.ATTACHMENTS, "more than " + limits.maxAttachments()
                            + " attachments", "attachments after " + limits.maxAttachments()
                            + " not registered separately, they are in the raw message");
                    break;
                }
                position++;
                attachments.add(attachment(leaf, position));
            }
        }

        /**
         * Where the message stops being readable: the start of its first line longer than the line
         * limit. Past it the reader would hold lines of any length in memory.
         */
        private int readableEnd(byte[] raw) {
            int longest = limits.maxLineBytes();
            int lineStart = 0;
            int checkedUpTo = 0;
            while (lineStart < raw.length) {
                // a line may hold up to `longest` bytes before its line feed
                int last = (int) Math.min(raw.length - 1L, (long) lineStart + longest);
                int i = lineStart;
                while (i <= last && raw[i] != '\n') {
                    i++;
                }
                if (i > last) {
                    if ((long) lineStart + longest <= raw.length - 1L) {
                        problems.limitReached(ReadLimits.LINE_BYTES, "a line longer than " + longest
                                + " bytes at byte " + lineStart, "the message from that line on not read");
                        return lineStart;
                    }
                    return raw.length;
                }
                lineStart = i + 1;
                if (lineStart - checkedUpTo > 0xFFFFF) {
                    ReadProblems.stopIfInterrupted();
                    checkedUpTo = lineStart;
                }
            }
            return raw.length;
        }

        private LetterAttachment attachment(MimeLeaf leaf, int position) {
            PartContent.Read<Digest> read = PartContent.read(leaf, "attachment " + position, problems,
                    content -> digest(content, Math.min(KEPT_ATTACHMENT_BYTES, KEPT_LETTER_BYTES - kept)));
            if (read == null) {
                return new LetterAttachment(position, leaf.filename, leaf.type, 0,
                        Digests.sha256Hex(new byte[0]), () -> InputStream.nullInputStream());
            }
            PartContent.Decoding decoding = read.decoding();
            byte[] decoded = read.value().decoded();
            if (decoded != null) {
                kept += decoded.length;
                return new LetterAttachment(position, leaf.filename, leaf.type, read.value().size(),
                        read.value().sha256(), () -> new ByteArrayInputStream(decoded));
            }
            return new LetterAttachment(position, leaf.filename, leaf.type, read.value().size(),
                    read.value().sha256(), () -> PartContent.open(leaf, decoding));
        }

        /** Decoded attachment bytes this reading keeps for the register (see {@link #KEPT_LETTER_BYTES}). */
        private long kept;
    }

    /**
     * An attachment of at most this many decoded bytes is kept as read, so that the register writes
     * it without decoding it a second time: transfer decoding (base64) was the largest item of the
     * gateway's CPU profile for letters with scanned PDFs, paid twice. A larger one is never held: it
     * is decoded again, streaming, when it is written.
     */
    private static final int KEPT_ATTACHMENT_BYTES = 1024 * 1024;
    /** What one letter may keep in all, so that a letter of many attachments stays within bounds. */
    private static final long KEPT_LETTER_BYTES = 4 * 1024 * 1024;

    /** @param decoded the bytes themselves when they were kept; null when they were only digested */
    private record Digest(long size, String sha256, byte[] decoded) {
    }

    private static Digest digest(InputStream content, long keepAtMost) throws IOException {
        MessageDigest sha256 = Digests.newSha256();
        long size = 0;
        ByteArrayOutputStream keep = keepAtMost > 0 ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
            ReadProblems.stopIfInterrupted();
            sha256.update(buffer, 0, n);
            size += n;
            if (keep != null) {
                if (size > keepAtMost) {
                    keep = null;
                } else {
                    keep.write(buffer, 0, n);
                }
            }
        }
        return new Digest(size, Digests.hex(sha256.digest()), keep == null ? null : keep.toByteArray());
    }
}
