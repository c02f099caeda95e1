package th.go.saraban.gateway.outbound;

import th.go.saraban.gateway.thai.RegisterTag;

/** How our replies keep a matter in one thread: "Re:" the citizen's subject, plus the register tag. */
public final class Threading {

    private static final String NO_SUBJECT = "(ไม่มีเรื่อง)";
    /**
     * "Your letter": what an acknowledgement says in place of the subject of a letter whose sender is
     * not authenticated, so that a forger's words never leave under the agency's name.
     */
    public static final String YOUR_LETTER = "หนังสือของท่าน";
    /** Leaves room for "Re: " and the tag inside RFC 5322's 998-character line. */
    private static final int LONGEST_ORIGINAL = 900;

    private Threading() {
    }

    /**
     * The citizen's Message-ID as we may cite it in In-Reply-To/References: as sent when well formed,
     * bracketed when the sender left the brackets off, and otherwise none at all. A sloppy mail
     * program must not stop the agency from answering (the tag still threads the matter).
     */
    public static java.util.Optional<String> citable(String messageId) {
        if (messageId == null) {
            return java.util.Optional.empty();
        }
        String id = messageId.strip();
        if (LetterComposer.isMessageId(id)) {
            return java.util.Optional.of(id);
        }
        String bracketed = "<" + id + ">";
        return LetterComposer.isMessageId(bracketed) ? java.util.Optional.of(bracketed) : java.util.Optional.empty();
    }

    public static String replySubject(String original, RegisterTag tag) {
        String subject = original == null || original.isBlank() ? NO_SUBJECT : original.strip();
        // CR/LF from a hostile inbound subject must not reach an outgoing header
        subject = subject.replaceAll("[\\r\\n\\t]+", " ");
        if (subject.length() > LONGEST_ORIGINAL) {
            subject = subject.substring(0, LONGEST_ORIGINAL) + "…";
        }
        if (!subject.regionMatches(true, 0, "Re:", 0, 3)) {
            subject = "Re: " + subject;
        }
        if (RegisterTag.find(subject).filter(tag::equals).isEmpty()) {
            subject = subject + " " + tag.text();
        }
        return subject;
    }
}
