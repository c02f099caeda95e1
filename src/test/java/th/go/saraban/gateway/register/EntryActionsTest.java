package th.go.saraban.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.Rows;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestDatabase;

/** Actions on a register entry, from Java as the web console records them: values, audit trail, refusals. */
class EntryActionsTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
    private TestDatabase database;
    private EntryActions entryActions;
    private Rows rows;

    @BeforeEach
    void registerWithOneEntry() throws SQLException {
        database = TestDatabase.fresh();
        entryActions = new EntryActions(database.dataSource(), clock, BANGKOK);
        rows = new Rows(database.dataSource());
        insertEntry(1, "registered");
    }

    @Test
    void secondActionLeavesOldAndNewValuesInTheTrail() throws SQLException {
        entryActions.record(1, new ActionRequest("routed", "กลุ่มงานปกครอง", null, "สน ๐๐๑๘.๑/ว ๒๖๒๖๐",
                "2026-11-20"), Actor.officer("นางสาวสมศรี ใจดี"));
        clock.advance(java.time.Duration.ofHours(2));

        EntryActions.RecordedAction second = entryActions.record(1, new ActionRequest("done", "ฝ่ายทะเบียน",
                "ตอบแล้ว", null, null), Actor.officer("นายสมชาย รักงาน"));

        assertThat(rows.single("SELECT status, routed_to, remarks, document_no, document_date FROM incoming_register"))
                .containsEntry("status", "done").containsEntry("routed_to", "ฝ่ายทะเบียน")
                .containsEntry("remarks", "ตอบแล้ว").containsEntry("document_no", "สน ๐๐๑๘.๑/ว ๒๖๒๖๐")
                .containsEntry("document_date", java.sql.Date.valueOf("2026-11-20"));
        assertThat(rows.query("SELECT officer, api_key_name, entity, entity_id, field, old_value, new_value,"
                + " changed_at FROM audit_log WHERE action_id = ? ORDER BY id", second.id()))
                .extracting(r -> r.get("officer") + "|" + r.get("api_key_name") + "|" + r.get("entity") + "|"
                        + r.get("field") + "|" + r.get("old_value") + "|" + r.get("new_value"))
                .containsExactly("นายสมชาย รักงาน|null|incoming_register|status|routed|done",
                        "นายสมชาย รักงาน|null|incoming_register|routed_to|กลุ่มงานปกครอง|ฝ่ายทะเบียน",
                        "นายสมชาย รักงาน|null|incoming_register|remarks|null|ตอบแล้ว");
        assertThat(rows.count("SELECT count(*) FROM audit_log WHERE changed_at = ?",
                java.sql.Timestamp.from(Instant.parse("2026-11-25T05:00:00Z")))).isEqualTo(3);
        assertThat(entryActions.actions(1)).extracting(EntryActions.RecordedAction::officer)
                .containsExactly("นางสาวสมศรี ใจดี", "นายสมชาย รักงาน");
        assertThat(entryActions.actions(1).get(0).changes()).extracting(AuditTrail.Change::field)
                .containsExactly("status", "routed_to", "document_no", "document_date");
    }

    @Test
    void concurrentActionsChainTheirOldAndNewValues() throws Exception {
        List<String> statuses = List.of("routed", "in_progress", "done", "needs_review", "registered", "cancelled");
        List<CompletableFuture<EntryActions.RecordedAction>> running = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return entryActions.record(1, new ActionRequest(statuses.get(i % statuses.size()),
                                "หน่วย " + i, null, null, null), Actor.officer("เจ้าหน้าที่ " + i));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        running.forEach(CompletableFuture::join);

        // each change starts from the value the one before it left: no action worked on a stale copy
        List<Map<String, Object>> routed = rows.query("SELECT old_value, new_value FROM audit_log"
                + " WHERE field = 'routed_to' ORDER BY id");
        assertThat(routed).hasSize(12);
        assertThat(routed.get(0).get("old_value")).isNull();
        for (int i = 1; i < routed.size(); i++) {
            assertThat(routed.get(i).get("old_value")).isEqualTo(routed.get(i - 1).get("new_value"));
        }
        assertThat(rows.single("SELECT routed_to FROM incoming_register").get("routed_to"))
                .isEqualTo(routed.get(11).get("new_value"));
    }

    @Test
    void auditTrailCannotBeRewritten() throws SQLException {
        entryActions.record(1, new ActionRequest("in_progress", null, null, null, null), Actor.officer("สมศรี"));

        Throwable update = catchThrowableOfType(SQLException.class, () -> execute(
                "UPDATE audit_log SET new_value = 'done'"));
        Throwable delete = catchThrowableOfType(SQLException.class, () -> execute("DELETE FROM entry_action"));

        assertThat(update).hasMessageContaining("never changed or deleted");
        assertThat(delete).hasMessageContaining("never changed or deleted");
        assertThat(rows.single("SELECT new_value FROM audit_log")).containsEntry("new_value", "in_progress");
    }

    @Test
    void refusesUnknownStatusNamingTheField() throws SQLException {
        InvalidActionException refused = catchThrowableOfType(InvalidActionException.class,
                () -> entryActions.record(1, new ActionRequest("archived", null, null, null, null),
                        Actor.officer("สมศรี")));

        assertThat(refused.field()).isEqualTo("status");
        assertThat(refused.getMessage()).contains("archived").contains("in_progress");
        assertThat(rows.count("SELECT count(*) FROM entry_action")).isZero();
        assertThat(rows.single("SELECT status FROM incoming_register")).containsEntry("status", "registered");
    }

    @Test
    void refusesABuddhistEraYearWrittenAsAnIsoDate() {
        InvalidActionException refused = catchThrowableOfType(InvalidActionException.class,
                () -> entryActions.record(1, new ActionRequest(null, null, null, null, "2569-11-20"),
                        Actor.officer("สมศรี")));

        assertThat(refused.field()).isEqualTo("document_date");
        assertThat(refused.getMessage()).contains("Buddhist-Era");
    }

    @Test
    void takesTheDayOfADateTimeInTheAgencysZone() throws SQLException {
        EntryActions.RecordedAction action = entryActions.record(1, new ActionRequest(null, null, null, null,
                "2026-11-19T17:00:00Z"), Actor.officer("สมศรี"));

        assertThat(action.documentDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void refusesAnActionWithoutAnOfficer() {
        InvalidActionException refused = catchThrowableOfType(InvalidActionException.class,
                () -> entryActions.record(1, new ActionRequest("done", null, null, null, null), Actor.officer(" ")));

        assertThat(refused.field()).isEqualTo("officer");
    }

    @Test
    void keepsTheGatewaysStatusOfAnEntryWithoutItsContent() throws SQLException {
        insertEntry(2, "oversize");

        Throwable refused = catchThrowableOfType(ActionConflictException.class, () -> entryActions.record(2,
                new ActionRequest("done", null, null, null, null), Actor.officer("สมศรี")));
        EntryActions.RecordedAction routed = entryActions.record(2,
                new ActionRequest(null, "กลุ่มงานปกครอง", null, null, null), Actor.officer("สมศรี"));

        assertThat(refused).hasMessageContaining("oversize");
        assertThat(routed.changes()).extracting(AuditTrail.Change::field).containsExactly("routed_to");
        assertThat(rows.single("SELECT status, routed_to FROM incoming_register WHERE id = 2"))
                .containsEntry("status", "oversize").containsEntry("routed_to", "กลุ่มงานปกครอง");
    }

    @Test
    void anEmptyValueClearsAFieldWithATrace() throws SQLException {
        entryActions.record(1, new ActionRequest(null, null, "รอเอกสารเพิ่ม", null, "2026-11-20"),
                Actor.officer("สมศรี"));

        EntryActions.RecordedAction cleared = entryActions.record(1, new ActionRequest(null, null, "", null, ""),
                new Actor("สมชาย", "esaraban"));

        assertThat(cleared.changes()).extracting(c -> c.field() + ":" + c.oldValue() + "->" + c.newValue())
                .containsExactly("remarks:รอเอกสารเพิ่ม->null", "document_date:2026-11-20->null");
        assertThat(rows.single("SELECT remarks, document_date FROM incoming_register"))
                .containsEntry("remarks", null).containsEntry("document_date", null);
        assertThat(entryActions.actions(1).get(1).apiKeyName()).isEqualTo("esaraban");
        assertThat(entryActions.actions(1).get(0).documentDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    private void insertEntry(long id, String status) throws SQLException {
        execute("INSERT INTO mailbox (name, created_at) VALUES ('saraban@agency.go.th', now()) ON CONFLICT DO NOTHING");
        execute("INSERT INTO incoming_register (id, mailbox, register_year, register_no, received_at,"
                + " deemed_received_at, registered_at, raw_size, imap_uidvalidity, imap_uid, status, raw_mime, raw_sha256)"
                + " VALUES (" + id + ", 'saraban@agency.go.th', 2569, " + id + ", now(), now(), now(), 10, 1, " + id
                + ", '" + status + "', " + (status.equals("oversize") ? "NULL, NULL" : "'\\x00', '" + "0".repeat(64)
                + "'") + ")");
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = database.dataSource().getConnection(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
