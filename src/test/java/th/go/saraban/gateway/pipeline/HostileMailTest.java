package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Anyone on the internet can write to the central mailbox (issue 6): no letter may stop it. Each
 * hostile letter below is followed by an ordinary one, through a real Dovecot, to the gateway's
 * real routes running in a JVM of their own with {@code -Xmx256m}, so the heap limit is the
 * gateway's alone and not shared with the test that builds 60 MB letters. Every letter must be
 * registered (a hostile one with the SHA-256 of exactly what was appended), each ordinary one as
 * {@code registered} with the number after its hostile one, no check may fail, the gateway stays
 * up, and a later check finds nothing new. Checks run every second on the gateway's own schedule.
 * Each letter is tried alone, so that a failure names it, and then all of them in one mailbox, as
 * the issue asks.
 *
 * <p>Output and a GC log per run are kept in {@code target/hostile-mail/}; the check times are
 * printed.
 */
class HostileMailTest {

    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");
    private static final int MIB = 1024 * 1024;

    private DovecotServer dovecot;
    private TestDatabase database;
    private Rows rows;
    private Process gateway;
    private String run;

    @BeforeEach
    void startServers() {
        dovecot = DovecotServer.start();
        database = TestDatabase.fresh();
        rows = new Rows(database.dataSource());
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        if (gateway != null) {
            // a gateway stuck on a letter would make a graceful stop wait for its whole time-out
            gateway.destroyForcibly().waitFor();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void registersHostileLetterAndTheOrdinaryLetterAfterIt(HostileLetter hostile) throws IOException {
        List<byte[]> letters = List.of(hostile.raw(), Letters.letter("จดหมายธรรมดาหลัง " + hostile));
        deliver(letters);

        gateway = startGateway(hostile.name());
        awaitRegistered(letters.size(), Duration.ofSeconds(90));

        assertEveryLetterRegistered(letters);
        if (hostile == HostileLetter.ATTACHMENT_OF_45_MB) {
            assertThat(rows.query("SELECT size, sha256 FROM incoming_attachment"
                    + " WHERE content_type LIKE 'application/pdf%'"))
                    .extracting(r -> r.get("size") + " " + r.get("sha256"))
                    .containsExactly(45L * MIB + " " + Letters.sha256(HostileLetter.attachmentOf45Mb()));
        }
    }

    @Test
    void registersEveryHostileLetterInOneMailboxWithinAFewMinutes() throws IOException {
        List<byte[]> letters = new ArrayList<>();
        for (HostileLetter hostile : HostileLetter.values()) {
            letters.add(hostile.raw());
            letters.add(Letters.letter("จดหมายธรรมดาหลัง " + hostile));
        }
        deliver(letters);

        gateway = startGateway("ALL_IN_ONE_MAILBOX");
        awaitRegistered(letters.size(), Duration.ofMinutes(3));

        assertEveryLetterRegistered(letters);
    }

    /** Every other letter, from the first, is hostile; each is received a minute after the one before. */
    private void deliver(List<byte[]> letters) {
        for (int i = 0; i < letters.size(); i++) {
            dovecot.deliver(letters.get(i), TUESDAY_MORNING.plusMinutes(i));
        }
    }

    /** Waits for the letters and for a later check that finds nothing new, and prints the checks. */
    private void awaitRegistered(int letters, Duration within) {
        await("all " + letters + " letters registered").atMost(within).pollInterval(Duration.ofMillis(250))
                .until(() -> registered() == letters || !gateway.isAlive());
        await("a later check that finds nothing new").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> laterCheckFoundNothing() || !gateway.isAlive());
        System.out.printf("%s: statuses %s; checks (found/registered/ms) %s%n", run,
                rows.query("SELECT status FROM incoming_register ORDER BY imap_uid").stream()
                        .map(r -> r.get("status")).toList(),
                rows.query("SELECT messages_found || '/' || messages_registered || '/'"
                        + " || round(extract(epoch FROM finished_at - started_at) * 1000) AS c FROM mailbox_check"
                        + " WHERE outcome <> 'running' ORDER BY id").stream().map(r -> r.get("c")).toList());
    }

    private void assertEveryLetterRegistered(List<byte[]> letters) {
        assertThat(gateway.isAlive()).as("gateway still running").isTrue();
        List<Map<String, Object>> entries = rows.query("SELECT register_no, status, problems, raw_sha256, raw_size"
                + " FROM incoming_register ORDER BY imap_uid");
        assertThat(entries).extracting(r -> r.get("register_no"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, letters.size()).boxed().toList());
        for (int i = 0; i < letters.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            assertThat(entry).containsEntry("raw_sha256", Letters.sha256(letters.get(i)))
                    .containsEntry("raw_size", (long) letters.get(i).length);
            if (i % 2 == 1) {
                assertThat(entry.get("status")).as("ordinary letter %d", i + 1).isEqualTo("registered");
            } else {
                assertThat(entry.get("status")).as("hostile letter %d", i + 1).isIn("registered", "needs_review");
                if ("needs_review".equals(entry.get("status"))) {
                    assertThat((String) entry.get("problems")).as("why letter %d needs review", i + 1).isNotBlank();
                }
            }
        }
        assertThat(rows.query("SELECT outcome FROM mailbox_check WHERE outcome <> 'running'"))
                .extracting(r -> r.get("outcome")).isNotEmpty().containsOnly("ok");
    }

    /** A check that ended ok with nothing new, after the last check that registered something. */
    private boolean laterCheckFoundNothing() {
        return rows.count("SELECT count(*) FROM mailbox_check WHERE outcome = 'ok' AND messages_found = 0"
                + " AND id > (SELECT max(id) FROM mailbox_check WHERE messages_registered > 0)") > 0;
    }

    private long registered() {
        return rows.count("SELECT count(*) FROM incoming_register");
    }

    private Process startGateway(String run) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "hostile-mail"));
        Map<String, String> settings = GatewayUnderTest.settingsFor(dovecot, database);
        settings.put("saraban.check.enabled", "true");
        settings.put("saraban.check.cron", "* * * * * ?");
        // the 45 MB attachment travels base64-encoded: a 61 MB letter, which the issue wants registered whole
        settings.put("saraban.max-message-megabytes", "64");
        File log = logs.resolve(run + ".log").toFile();
        log.delete();
        this.run = run;
        // the first JIT tier only: it allocates no less than the second, so the heap limit is no easier
        return GatewayUnderTest.startProcess(settings, log, GatewayUnderTest.SHORT_LIVED, "-Xmx256m",
                "-Xlog:gc:file=" + logs.resolve(run + "-gc.log"));
    }

    /** Issue 6's list, each built in well under a second. */
    enum HostileLetter {
        HTML_OF_LESS_THAN_SIGNS {
            @Override
            void body(Mime mime) {
                mime.line("Content-Type: text/html; charset=UTF-8").line("").repeat("<", MIB).line("");
            }
        },
        HTML_OF_COMMENT_OPENERS {
            @Override
            void body(Mime mime) {
                mime.line("Content-Type: text/html; charset=UTF-8").line("").repeat("<!--", MIB / 4).line("");
            }
        },
        HUNDRED_THOUSAND_PARTS {
            @Override
            void body(Mime mime) {
                mime.line("Content-Type: multipart/mixed; boundary=\"p\"").line("");
                for (int i = 0; i < 100_000; i++) {
                    mime.line("--p").line("").line("x");
                }
                mime.line("--p--");
            }
        },
        NESTED_5000_DEEP {
            @Override
            void body(Mime mime) {
                mime.line("Content-Type: multipart/mixed; boundary=\"n0\"").line("");
                for (int depth = 0; depth < 5000; depth++) {
                    mime.line("--n" + depth).line("Content-Type: multipart/mixed; boundary=\"n" + (depth + 1) + "\"")
                            .line("");
                }
                mime.line("--n5000").line("Content-Type: text/plain; charset=UTF-8").line("").line("ลึกมาก")
                        .line("--n5000--");
                for (int depth = 4999; depth >= 0; depth--) {
                    mime.line("--n" + depth + "--");
                }
            }
        },
        HEADER_LINE_OF_2_MB {
            @Override
            void body(Mime mime) {
                mime.raw("X-Filler: ").repeat("a", 2 * MIB).line("");
                mime.line("Content-Type: text/plain; charset=UTF-8").line("").line("หัวจดหมายยาวมาก");
            }
        },
        FIFTY_THOUSAND_HEADERS {
            @Override
            void body(Mime mime) {
                for (int i = 0; i < 50_000; i++) {
                    mime.line("X-Header-" + i + ": value " + i);
                }
                mime.line("Content-Type: text/plain; charset=UTF-8").line("").line("หัวจดหมายมากมาย");
            }
        },
        ATTACHMENT_OF_45_MB {
            @Override
            void body(Mime mime) {
                mime.line("Content-Type: multipart/mixed; boundary=\"a\"").line("")
                        .line("--a").line("Content-Type: text/plain; charset=UTF-8").line("").line("ตามไฟล์แนบ")
                        .line("--a").line("Content-Type: application/pdf")
                        .line("Content-Transfer-Encoding: base64")
                        .line("Content-Disposition: attachment; filename=\"scan.pdf\"").line("");
                mime.out.writeBytes(Base64.getMimeEncoder().encode(attachmentOf45Mb()));
                mime.line("").line("--a--");
            }
        },
        RANDOM_BYTES {
            /** No NUL (IMAP literals cannot carry it) and CR/LF only as line ends (all IMAP hands over). */
            @Override
            byte[] raw() {
                Random random = new Random(6);
                ByteArrayOutputStream out = new ByteArrayOutputStream(MIB + 20_000);
                while (out.size() < MIB) {
                    int length = 1 + random.nextInt(200);
                    for (int i = 0; i < length; i++) {
                        int b = 1 + random.nextInt(255);
                        out.write(b == '\r' || b == '\n' ? ' ' : b);
                    }
                    out.write('\r');
                    out.write('\n');
                }
                return out.toByteArray();
            }

            @Override
            void body(Mime mime) {
                throw new UnsupportedOperationException("random bytes have no MIME structure");
            }
        };

        /** The whole letter: ordinary envelope headers, then what makes it hostile. */
        byte[] raw() {
            Mime mime = new Mime();
            mime.line("From: Mallory <mallory@hostile.example>").line("To: " + TestMailServer.CENTRAL)
                    .line("Subject: " + name()).line("Message-ID: <" + name() + "@hostile.example>")
                    .line("Date: Tue, 24 Nov 2026 09:58:00 +0700").line("MIME-Version: 1.0");
            body(mime);
            return mime.out.toByteArray();
        }

        abstract void body(Mime mime);

        static byte[] attachmentOf45Mb() {
            byte[] file = new byte[45 * MIB];
            new Random(45).nextBytes(file);
            return file;
        }
    }

    /** Writes CRLF lines straight into bytes, so that megabytes of letter are built fast. */
    static final class Mime {

        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Mime line(String text) {
            return raw(text).raw("\r\n");
        }

        Mime raw(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Mime repeat(String text, int times) {
            return raw(text.repeat(times));
        }
    }
}
