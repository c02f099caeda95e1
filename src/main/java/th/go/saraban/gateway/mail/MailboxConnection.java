package th.go.saraban.gateway.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * An open, read-only view of the central mailbox folder for the length of one check.
 *
 * <p>It speaks UID FETCH directly instead of going through {@code Message} objects: one round trip
 * fetches a whole batch with INTERNALDATE, size, flags and the exact BODY[] bytes (Jakarta Mail's
 * message objects would re-serialise the message and cost round trips per message), and
 * BODY.PEEK never sets {@code \Seen}, so officers still see their mail as unread.
 */
public final class MailboxConnection implements AutoCloseable {

    /** Messages above this are fetched in pieces of this size. */
    static final int PIECE_BYTES = 4 * 1024 * 1024;

    private final Store store;
    private final IMAPFolder folder;

    MailboxConnection(Store store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    public long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /**
     * What a check has to register: the UIDs above {@code lastSeenUid} in ascending (arrival) order
     * with their sizes, and {@code passedOverUpTo}, the highest UID that was left out because the
     * server received it before the start date (0 when none was).
     */
    public record Listing(List<UidAndSize> newMessages, long passedOverUpTo) {

        static final Listing NOTHING = new Listing(List.of(), 0);
    }

    /**
     * Lists the messages above {@code lastSeenUid} that the server received at or after
     * {@code receivedFrom} ({@link Instant#MIN}: all of them). Only UIDs, sizes and dates cross the
     * wire, never bytes, so a first connection to a mailbox with years of history costs a search.
     */
    public Listing newerThan(long lastSeenUid, Instant receivedFrom) throws MessagingException {
        if (folder.getMessageCount() == 0) {
            return Listing.NOTHING;
        }
        if (receivedFrom.equals(Instant.MIN)) {
            // one command, and one line of answer when nothing is new
            return new Listing(listed(uidFetch((lastSeenUid + 1) + ":*", "(UID RFC822.SIZE)"), lastSeenUid,
                    Instant.MIN), 0);
        }
        long highest = highestUid();
        if (highest <= lastSeenUid) {
            return Listing.NOTHING;
        }
        // SEARCH SINCE compares dates in the server's own zone, whichever that is: ask from the day
        // before in UTC (no zone is a whole day away from it) and keep exactly what came at or after.
        LocalDate dayBefore = receivedFrom.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        List<Long> candidates = searchUids("UID " + (lastSeenUid + 1) + ":* SINCE " + IMAP_DATE.format(dayBefore))
                .stream().filter(uid -> uid > lastSeenUid).toList();
        List<UidAndSize> found = candidates.isEmpty() ? List.of()
                : listed(uidFetch(uidSet(candidates), "(UID RFC822.SIZE INTERNALDATE)"), lastSeenUid, receivedFrom);
        long highestFound = found.isEmpty() ? 0 : found.get(found.size() - 1).uid();
        return new Listing(found, highest > highestFound ? highest : 0);
    }

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private static List<UidAndSize> listed(Response[] responses, long lastSeenUid, Instant receivedFrom) {
        List<UidAndSize> found = new ArrayList<>();
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch) {
                UID uid = fetch.getItem(UID.class);
                RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                // "n:*" always matches the highest UID even when it is below n (RFC 3501 6.4.8): filter.
                if (uid == null || size == null || uid.uid <= lastSeenUid) {
                    continue;
                }
                if (!receivedFrom.equals(Instant.MIN)) {
                    INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
                    if (internalDate == null || internalDate.getDate().toInstant().isBefore(receivedFrom)) {
                        continue;
                    }
                }
                found.add(new UidAndSize(uid.uid, size.size));
            }
        }
        found.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return found;
    }

    /** The UID of the last message in the folder: one line of answer, however full the folder is. */
    private long highestUid() throws MessagingException {
        long highest = 0;
        Response[] responses = command("FETCH * (UID)");
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch && fetch.getItem(UID.class) != null) {
                highest = Math.max(highest, fetch.getItem(UID.class).uid);
            }
        }
        return highest;
    }

    private List<Long> searchUids(String criteria) throws MessagingException {
        List<Long> uids = new ArrayList<>();
        for (Response response : command("UID SEARCH " + criteria)) {
            if (response instanceof IMAPResponse answer && answer.keyEquals("SEARCH")) {
                for (long uid = answer.readLong(); uid != -1; uid = answer.readLong()) {
                    uids.add(uid);
                }
            }
        }
        uids.sort(Long::compare);
        return uids;
    }

    /** "3:7,9" for 3,4,5,6,7,9: a long run of new mail stays a short command. */
    static String uidSet(List<Long> ascending) {
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < ascending.size(); i++) {
            int end = i;
            while (end + 1 < ascending.size() && ascending.get(end + 1) == ascending.get(end) + 1) {
                end++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(ascending.get(i));
            if (end > i) {
                set.append(':').append(ascending.get(end));
            }
            i = end;
        }
        return set.toString();
    }

    /**
     * Fetches the whole messages of a batch: small ones in one command, each large one in pieces
     * straight into an array of its own size. Angus reads a FETCH response into a buffer that holds
     * the response line as well, so a message taken whole would be held twice while it is copied
     * out; in pieces it is held once, plus one piece.
     */
    public List<RawMessage> fetchWhole(List<UidAndSize> batch) throws MessagingException {
        List<RawMessage> messages = new ArrayList<>(fetch(batch.stream().filter(m -> m.size() <= PIECE_BYTES).toList(),
                "BODY.PEEK[]"));
        for (UidAndSize message : batch) {
            if (message.size() > PIECE_BYTES) {
                messages.add(fetchInPieces(message));
            }
        }
        messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return messages;
    }

    /**
     * Fetches one batch of a {@link BatchPlan}: a message over the size limit travels alone and only
     * its headers are fetched. When the server refuses the batch but still talks, each message is
     * asked for alone, so that one message it will not hand over cannot hold back every later one (a
     * stuck mailbox): that one is recorded from what the server still says about it.
     */
    public List<RawMessage> fetchPlanned(List<UidAndSize> batch, BatchPlan plan) throws MessagingException {
        try {
            return fetchAsPlanned(batch, plan);
        } catch (MessagingException refused) {
            if (!isOpen()) {
                throw refused;
            }
            List<RawMessage> fetched = new ArrayList<>();
            for (UidAndSize message : batch) {
                try {
                    fetched.addAll(fetchAsPlanned(List.of(message), plan));
                } catch (MessagingException single) {
                    if (!isOpen()) {
                        throw single;
                    }
                    fetched.add(fetchFacts(message, FailureText.of(single)));
                }
            }
            return fetched;
        }
    }

    private List<RawMessage> fetchAsPlanned(List<UidAndSize> batch, BatchPlan plan) throws MessagingException {
        if (batch.size() == 1 && plan.oversize(batch.get(0))) {
            return fetchHeaders(batch);
        }
        return fetchWhole(batch);
    }

    /** Fetches only the header section, for messages too large to hold. */
    public List<RawMessage> fetchHeaders(List<UidAndSize> batch) throws MessagingException {
        return fetch(batch, "BODY.PEEK[HEADER]");
    }

    /**
     * What the server will still say about a message it would not hand over: its INTERNALDATE, size
     * and flags, so that it is recorded as received instead of being asked for again for ever.
     */
    public RawMessage fetchFacts(UidAndSize message, String refusal) throws MessagingException {
        Response[] responses = uidFetch(Long.toString(message.uid()), "(UID INTERNALDATE RFC822.SIZE FLAGS)");
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch) {
                UID uid = fetch.getItem(UID.class);
                INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
                if (uid != null && uid.uid == message.uid() && internalDate != null) {
                    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                    FLAGS flags = fetch.getItem(FLAGS.class);
                    return new RawMessage(uid.uid, internalDate.getDate().toInstant(),
                            size != null ? size.size : message.size(), flags != null ? describe(flags) : null,
                            null, null, refusal);
                }
            }
        }
        throw new MessagingException("server gave no INTERNALDATE for UID " + message.uid());
    }

    /** True while the connection can still carry commands; false once the server or network dropped it. */
    public boolean isOpen() {
        return store.isConnected() && folder.isOpen();
    }

    private List<RawMessage> fetch(List<UidAndSize> batch, String bodyItem) throws MessagingException {
        if (batch.isEmpty()) {
            return List.of();
        }
        String uids = batch.stream().map(m -> Long.toString(m.uid())).collect(Collectors.joining(","));
        Response[] responses = uidFetch(uids, "(UID INTERNALDATE RFC822.SIZE FLAGS " + bodyItem + ")");
        boolean wholeMessage = bodyItem.equals("BODY.PEEK[]");
        List<RawMessage> messages = new ArrayList<>();
        for (int i = 0; i < responses.length; i++) {
            Response response = responses[i];
            // each response buffer can go as soon as its bytes are copied out
            responses[i] = null;
            if (!(response instanceof FetchResponse fetch)) {
                continue;
            }
            UID uid = fetch.getItem(UID.class);
            INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
            BODY body = fetch.getItem(BODY.class);
            if (uid == null || internalDate == null || body == null) {
                continue; // an unsolicited FETCH (flag change by another client), not our answer
            }
            RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
            FLAGS flags = fetch.getItem(FLAGS.class);
            byte[] bytes = copy(body.getByteArray());
            // the size of what we hold is the size of the evidence; the server's figure only for parked mail
            long serverSize = size != null ? size.size : bytes.length;
            messages.add(new RawMessage(uid.uid, internalDate.getDate().toInstant(),
                    wholeMessage ? bytes.length : serverSize, flags != null ? describe(flags) : null,
                    wholeMessage ? bytes : null, wholeMessage ? null : bytes));
        }
        if (messages.size() != batch.size()) {
            // A message expunged by another client between listing and fetching is simply not here;
            // anything else would be a server answering something we did not ask.
            List<Long> missing = batch.stream().map(UidAndSize::uid)
                    .filter(u -> messages.stream().noneMatch(m -> m.uid() == u)).toList();
            throw new MessagingException("server did not return UIDs " + missing
                    + " (expunged by another client while this check ran?); the next check retries");
        }
        messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return messages;
    }

    /**
     * One large message, {@link #PIECE_BYTES} at a time (RFC 3501 partial fetch). The array is sized
     * by the server's RFC822.SIZE; the last piece asks for one byte more than expected, so a server
     * whose size was wrong is noticed and the message is still taken whole.
     */
    private RawMessage fetchInPieces(UidAndSize message) throws MessagingException {
        byte[] bytes = new byte[(int) Math.min(message.size(), Integer.MAX_VALUE - 8)];
        int filled = 0;
        Instant internalDate = null;
        String flags = null;
        while (true) {
            int ask = (int) Math.min(PIECE_BYTES, (long) bytes.length - filled + 1);
            FetchResponse piece = single(message.uid(), uidFetch(Long.toString(message.uid()),
                    "(UID INTERNALDATE FLAGS BODY.PEEK[]<" + filled + "." + ask + ">)"));
            if (internalDate == null) {
                internalDate = piece.getItem(INTERNALDATE.class).getDate().toInstant();
                FLAGS pieceFlags = piece.getItem(FLAGS.class);
                flags = pieceFlags != null ? describe(pieceFlags) : null;
            }
            ByteArray got = piece.getItem(BODY.class).getByteArray();
            int count = got == null ? 0 : got.getCount();
            if (filled + count > bytes.length) {
                // the server said less than it holds: grow, the one case of a second copy
                bytes = Arrays.copyOf(bytes, Math.max(filled + count, bytes.length + bytes.length / 2));
            }
            if (count > 0) {
                System.arraycopy(got.getBytes(), got.getStart(), bytes, filled, count);
            }
            filled += count;
            if (count < ask) {
                break;
            }
        }
        return new RawMessage(message.uid(), internalDate, filled, flags,
                filled == bytes.length ? bytes : Arrays.copyOf(bytes, filled), null);
    }

    private static FetchResponse single(long uid, Response[] responses) throws MessagingException {
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch) {
                UID item = fetch.getItem(UID.class);
                if (item != null && item.uid == uid && fetch.getItem(BODY.class) != null
                        && fetch.getItem(INTERNALDATE.class) != null) {
                    return fetch;
                }
            }
        }
        throw new MessagingException("server did not return UID " + uid
                + " (expunged by another client while this check ran?); the next check retries");
    }

    private Response[] uidFetch(String uidSet, String items) throws MessagingException {
        return command("UID FETCH " + uidSet + " " + items);
    }

    private Response[] command(String command) throws MessagingException {
        return (Response[]) folder.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return responses;
        });
    }

    private static byte[] copy(ByteArray bytes) {
        if (bytes == null) {
            return new byte[0];
        }
        return Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount());
    }

    private static String describe(FLAGS flags) {
        List<String> names = new ArrayList<>();
        for (jakarta.mail.Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == jakarta.mail.Flags.Flag.SEEN) names.add("\\Seen");
            else if (flag == jakarta.mail.Flags.Flag.ANSWERED) names.add("\\Answered");
            else if (flag == jakarta.mail.Flags.Flag.FLAGGED) names.add("\\Flagged");
            else if (flag == jakarta.mail.Flags.Flag.DELETED) names.add("\\Deleted");
            else if (flag == jakarta.mail.Flags.Flag.DRAFT) names.add("\\Draft");
            else if (flag == jakarta.mail.Flags.Flag.RECENT) names.add("\\Recent");
        }
        names.addAll(Arrays.asList(flags.getUserFlags()));
        return String.join(" ", names);
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException ignored) {
            // the connection may already be gone; closing the store below is what matters
        } finally {
            try {
                store.close();
            } catch (MessagingException | RuntimeException ignored) {
                // nothing left to release
            }
        }
    }
}
