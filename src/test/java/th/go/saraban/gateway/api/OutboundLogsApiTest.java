package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/** GET /api/v1/sending-register and /api/v1/checks: paging, newest first, filters and refusals. */
class OutboundLogsApiTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-24T03:20:00Z"), BANGKOK);
    private RecordsHttp api;
    private String readKey;

    @BeforeEach
    void start() throws Exception {
        startGateway(Map.of(), clock);
        api = new RecordsHttp(gateway.httpPort());
        readKey = new ApiKeys(database.dataSource(), clock).create("dashboard", Set.of("read")).key();
    }

    @Test
    void sendingRegisterPagesNewestFirstAndFiltersByOriginYearMailboxAndDate() {
        // two acknowledgements sent by the gateway on 24 November, then two webmail messages on 25 November
        for (int i = 1; i <= 2; i++) {
            mailServer.deliver(Letters.letter("<req-" + i + "@citizen.example>", "p" + i + "@citizen.example",
                    "เรื่อง " + i, "เรียน"), OffsetDateTime.parse("2026-11-24T10:0" + i + ":00+07:00"));
        }
        gateway.checkMailbox();
        gateway.sendOutbox();
        outsideRow(3, "2026-11-25T02:00:00Z");
        outsideRow(4, "2026-11-25T03:00:00Z");

        HttpResponse<String> first = api.get("/sending-register?size=3", readKey);
        HttpResponse<String> second = api.get("/sending-register?size=3&page=2", readKey);
        HttpResponse<String> outside = api.get("/sending-register?origin=outside", readKey);
        HttpResponse<String> gatewayOnDay = api.get("/sending-register?origin=gateway&year=2569&mailbox="
                + TestMailServer.CENTRAL + "&sent_from=2026-11-24&sent_to=2026-11-24", readKey);
        HttpResponse<String> otherYear = api.get("/sending-register?year=2568", readKey);
        HttpResponse<String> badOrigin = api.get("/sending-register?origin=webmail", readKey);
        HttpResponse<String> badDate = api.get("/sending-register?sent_from=yesterday", readKey);
        HttpResponse<String> noKey = api.get("/sending-register", null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(RecordsHttp.object(first)).containsEntry("page", 1).containsEntry("size", 3).containsEntry("total", 4);
        assertThat(RecordsHttp.items(first)).extracting(r -> r.get("register_no") + " " + r.get("origin"))
                .containsExactly("4 outside", "3 outside", "2 gateway");
        assertThat(RecordsHttp.items(second)).extracting(r -> r.get("register_no")).containsExactly(1);
        assertThat(RecordsHttp.items(outside)).extracting(r -> r.get("register_no") + " " + r.get("sent_at"))
                .containsExactly("4 2026-11-25T10:00:00+07:00", "3 2026-11-25T09:00:00+07:00");
        assertThat(RecordsHttp.items(gatewayOnDay)).extracting(r -> r.get("recipients"))
                .containsExactly("p2@citizen.example", "p1@citizen.example");
        assertThat(RecordsHttp.object(otherYear)).containsEntry("total", 0);
        assertThat(RecordsHttp.items(first).get(2)).doesNotContainKey("raw_mime");
        assertThat(badOrigin.statusCode()).isEqualTo(400);
        assertThat((String) RecordsHttp.object(badOrigin).get("detail")).startsWith("origin:");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat((String) RecordsHttp.object(badDate).get("detail")).startsWith("sent_from:");
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void checkLogPagesNewestFirstAndFiltersByMailboxAndTime() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.checkMailbox();
            clock.advance(Duration.ofHours(1));
        }
        rows.query("INSERT INTO mailbox_check (mailbox, started_at, finished_at, outcome, error_text)"
                + " VALUES ('saraban@other.go.th', ?, ?, 'failed', 'login refused') RETURNING id",
                Timestamp.from(Instant.parse("2026-11-24T04:30:00Z")), Timestamp.from(Instant.parse("2026-11-24T04:30:05Z")));
        String writeOnly = new ApiKeys(database.dataSource(), clock).create("robot", Set.of("reply")).key();

        HttpResponse<String> all = api.get("/checks?size=2", readKey);
        HttpResponse<String> ours = api.get("/checks?mailbox=" + TestMailServer.CENTRAL, readKey);
        HttpResponse<String> window = api.get("/checks?from=2026-11-24T11:00:00%2B07:00&to=2026-11-24T04:30:00Z",
                readKey);
        HttpResponse<String> failed = api.get("/checks?outcome=failed", readKey);
        HttpResponse<String> badFrom = api.get("/checks?from=noon", readKey);
        HttpResponse<String> badSize = api.get("/checks?size=201", readKey);
        HttpResponse<String> wrongScope = api.get("/checks", writeOnly);

        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(RecordsHttp.object(all)).containsEntry("total", 4).containsEntry("size", 2);
        assertThat(RecordsHttp.items(all)).extracting(r -> r.get("mailbox") + " " + r.get("started_at"))
                .containsExactly(TestMailServer.CENTRAL + " 2026-11-24T12:20:00+07:00",
                        "saraban@other.go.th 2026-11-24T11:30:00+07:00");
        assertThat(RecordsHttp.items(ours)).hasSize(3).allSatisfy(check -> assertThat(check)
                .containsEntry("outcome", "ok").containsEntry("mailbox", TestMailServer.CENTRAL));
        assertThat(RecordsHttp.items(window)).extracting(r -> r.get("started_at"))
                .containsExactly("2026-11-24T11:20:00+07:00");
        assertThat(RecordsHttp.items(failed)).extracting(r -> r.get("error_text")).containsExactly("login refused");
        assertThat(List.of(badFrom, badSize)).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat((String) RecordsHttp.object(badFrom).get("detail")).startsWith("from:");
        assertThat((String) RecordsHttp.object(badSize).get("detail")).startsWith("size:");
        assertThat(wrongScope.statusCode()).isEqualTo(403);
    }

    private void outsideRow(int number, String sentAt) {
        rows.query("INSERT INTO sending_register (mailbox, register_year, register_no, origin, sent_at, recipients,"
                + " subject, sent_folder, imap_uidvalidity, imap_uid, raw_size, registered_at, remarks)"
                + " VALUES (?, 2569, ?, 'outside', ?, 'someone@citizen.example', 'จากเว็บเมล', 'Sent', 1, ?, 100, ?,"
                + " 'over the size limit') RETURNING id", TestMailServer.CENTRAL, number,
                Timestamp.from(Instant.parse(sentAt)), number, Timestamp.from(Instant.parse(sentAt)));
    }
}
