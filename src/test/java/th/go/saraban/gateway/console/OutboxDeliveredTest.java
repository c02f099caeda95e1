package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.pipeline.Letters;

/** Outbox.recordDelivered: an uncertain send an operator confirms is numbered once, at the time its send began. */
class OutboxDeliveredTest extends ConsoleTestSupport {

    @Test
    void anUncertainSendRecordedAsDeliveredIsNumberedInTheSendingRegisterOnce() throws Exception {
        startGateway(Map.of(), clock);
        mailServer.deliver(Letters.letter("คำร้อง"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM outgoing_message").get("id");
        rows.query("UPDATE outgoing_message SET status = 'uncertain', attempts = 1,"
                + " claimed_at = '2026-11-24T10:00:00+07:00' WHERE id = ? RETURNING id", id);
        Outbox outbox = gateway.context().getRegistry().lookupByNameAndType("outbox", Outbox.class);

        try (Connection db = database.dataSource().getConnection()) {
            db.setAutoCommit(false);
            outbox.recordDelivered(db, id, "it-admin");
            db.commit();
        }

        Map<String, Object> message = rows.single("SELECT status, sent_at, last_error, raw_sha256 FROM outgoing_message");
        assertThat(message).containsEntry("status", "sent");
        assertThat(((java.sql.Timestamp) message.get("sent_at")).toInstant()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
        assertThat((String) message.get("last_error")).startsWith("delivered according to it-admin");
        Map<String, Object> registered = rows.single("SELECT register_year, register_no, raw_sha256, outgoing_id"
                + " FROM sending_register");
        assertThat(registered).containsEntry("register_year", 2569).containsEntry("register_no", 1)
                .containsEntry("raw_sha256", message.get("raw_sha256")).containsEntry("outgoing_id", id);

        try (Connection db = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> outbox.recordDelivered(db, id, "it-admin")).isInstanceOf(IllegalStateException.class);
        }
        gateway.sendOutbox();
        assertThat(mailServer.receivedAt("citizen.example")).isEmpty();
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isEqualTo(1);
    }

    @Test
    void aMessageThatAnswersNoEntryIsRegisteredWithoutOne() throws Exception {
        startGateway(Map.of(), clock);
        mailServer.deliver(Letters.letter("คำร้อง"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM outgoing_message").get("id");
        // as an alert to the IT staff is: it answers no letter
        rows.query("UPDATE outgoing_message SET status = 'uncertain', answers_entry_id = NULL,"
                + " claimed_at = '2026-11-24T10:00:00+07:00' WHERE id = ? RETURNING id", id);
        Outbox outbox = gateway.context().getRegistry().lookupByNameAndType("outbox", Outbox.class);

        try (Connection db = database.dataSource().getConnection()) {
            db.setAutoCommit(false);
            outbox.recordDelivered(db, id, "it-admin");
            db.commit();
        }

        Map<String, Object> registered = rows.single("SELECT outgoing_id, answers_entry_id FROM sending_register");
        assertThat(registered.get("outgoing_id")).isEqualTo(id);
        assertThat(registered.get("answers_entry_id")).isNull();
    }

    @Test
    void aQueuedMessageCannotBeRecordedAsDelivered() throws Exception {
        startGateway(Map.of(), clock);
        mailServer.deliver(Letters.letter("คำร้อง"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM outgoing_message").get("id");
        Outbox outbox = gateway.context().getRegistry().lookupByNameAndType("outbox", Outbox.class);

        try (Connection db = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> outbox.recordDelivered(db, id, "it-admin")).isInstanceOf(IllegalStateException.class);
        }

        assertThat(rows.single("SELECT status FROM outgoing_message")).containsEntry("status", "queued");
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isZero();
    }
}
