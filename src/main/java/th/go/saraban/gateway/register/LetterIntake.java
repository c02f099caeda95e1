package th.go.saraban.gateway.register;

import java.util.ArrayList;
import java.util.List;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.mail.Digests;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.mail.RawMessage;
import th.go.saraban.gateway.thai.BuddhistEra;

/**
 * Reads each fetched message and decides when it was legally received: the server's INTERNALDATE,
 * moved to the next business opening when it arrived outside business hours. Never throws for bad
 * mail: a letter that cannot be read is still registered, marked for review.
 */
public final class LetterIntake {

    private final LetterReader reader;
    private final ReceiptCalendar calendar;

    public LetterIntake(LetterReader reader, ReceiptCalendar calendar) {
        this.reader = reader;
        this.calendar = calendar;
    }

    public List<ReceivedLetter> read(List<RawMessage> batch) {
        List<ReceivedLetter> letters = new ArrayList<>(batch.size());
        for (RawMessage message : batch) {
            letters.add(read(message));
        }
        return letters;
    }

    public ReceivedLetter read(RawMessage message) {
        var deemed = calendar.deemedReceivedAt(message.internalDate());
        int year = BuddhistEra.yearOf(deemed, calendar.zone());
        if (message.isUnfetchable()) {
            Letter nothingRead = new Letter(null, null, null, null, null, null, null, List.of(),
                    List.of("the mail server would not hand this message over: " + message.unfetchable()
                            + "; its content is still on the server"), false, List.of(), List.of());
            return new ReceivedLetter(message, nothingRead, message.internalDate(), deemed, year, null,
                    EntryStatus.UNFETCHABLE);
        }
        Letter letter = reader.read(message.oversize() ? message.header() : message.raw());
        EntryStatus status = message.oversize() ? EntryStatus.OVERSIZE
                : letter.needsReview() ? EntryStatus.NEEDS_REVIEW : EntryStatus.REGISTERED;
        return new ReceivedLetter(message, letter, message.internalDate(), deemed, year,
                message.oversize() ? null : Digests.sha256Hex(message.raw()), status);
    }
}
