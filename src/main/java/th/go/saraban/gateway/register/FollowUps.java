package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import th.go.saraban.gateway.thai.RegisterTag;

/**
 * Links a citizen's follow-up to the entry it continues. Only our own traces count: a Message-ID we
 * sent (in In-Reply-To/References), or our register tag in the subject of a letter from the same
 * sender. A foreign References header alone never threads an unrelated mail into a matter
 * (FreeScout#4958).
 */
final class FollowUps {

    private FollowUps() {
    }

    /** UID -> the entry each letter follows, for those that follow one. */
    static Map<Long, Long> find(Connection db, String mailbox, List<ReceivedLetter> letters) throws SQLException {
        Map<Long, Long> follows = new HashMap<>();
        try (PreparedStatement byOurMessageId = db.prepareStatement("SELECT answers_entry_id FROM outgoing_message"
                + " WHERE mailbox = ? AND message_id = ANY (?) AND answers_entry_id IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1");
             // register numbers are easy to guess: a tag links only a letter from the same sender
             PreparedStatement byTag = db.prepareStatement("SELECT id FROM incoming_register"
                     + " WHERE mailbox = ? AND register_year = ? AND register_no = ?"
                     + " AND lower(sender_address) = lower(?)")) {
            for (ReceivedLetter letter : letters) {
                Long entry = null;
                List<String> refersTo = letter.letter().refersTo();
                if (!refersTo.isEmpty()) {
                    byOurMessageId.setString(1, mailbox);
                    byOurMessageId.setArray(2, db.createArrayOf("text", refersTo.toArray()));
                    entry = first(byOurMessageId);
                }
                Optional<RegisterTag> tag = RegisterTag.find(letter.letter().subject());
                String sender = letter.letter().senderAddress();
                if (entry == null && tag.isPresent() && sender != null) {
                    byTag.setString(1, mailbox);
                    byTag.setInt(2, tag.get().registerYear());
                    byTag.setInt(3, tag.get().registerNo());
                    byTag.setString(4, sender);
                    entry = first(byTag);
                }
                if (entry != null) {
                    follows.put(letter.message().uid(), entry);
                }
            }
        }
        return follows;
    }

    private static Long first(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }
}
