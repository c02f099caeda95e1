package th.go.saraban.gateway.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import th.go.saraban.gateway.outbound.SendAttempt;
import th.go.saraban.gateway.register.ReceivedLetter;

/**
 * The gateway's own numbers in the registry Camel scrapes at {@code /observe/metrics}: what an
 * operator alerts on (failed checks, a mailbox not checked for too long, mail that could not be
 * sent or pushed). The domain classes report where the thing happens, after it is committed; the
 * names and labels are a contract (README, "Health and metrics").
 */
public final class GatewayMetrics {

    /** For a gateway, or a test, without metrics: every report is dropped. */
    public static final GatewayMetrics OFF = new GatewayMetrics(null, null);

    private final MeterRegistry registry;
    private final MailboxFreshness freshness;
    /** Mailboxes whose series exist: Micrometer warns when a gauge is registered twice. */
    private final Set<String> expected = ConcurrentHashMap.newKeySet();

    /** @param registry null when metrics are off; the freshness still feeds the health check */
    GatewayMetrics(MeterRegistry registry, MailboxFreshness freshness) {
        this.registry = registry;
        this.freshness = freshness;
    }

    /** Shows a mailbox in every series before anything happened to it, so alerts see a 0, not nothing. */
    void expect(String mailbox) {
        if (registry == null || !expected.add(mailbox)) {
            return;
        }
        checks(mailbox, "ok");
        checks(mailbox, "failed");
        Gauge.builder("saraban.last.successful.check.age", freshness, f -> f.ageOf(mailbox).toMillis() / 1000.0)
                .description("time since the last successful check of the mailbox (on any node), or since start-up")
                .baseUnit("seconds").tag("mailbox", mailbox).register(registry);
    }

    /** A check of {@code mailbox} ended: {@code ok} or {@code failed}. */
    public void checkEnded(String mailbox, String outcome) {
        if (freshness != null && outcome.equals("ok")) {
            freshness.succeeded(mailbox);
        }
        if (registry == null) {
            return;
        }
        expect(mailbox);
        checks(mailbox, outcome).increment();
    }

    /** Entries committed to the receiving register, counted by their status. */
    public void registered(String mailbox, List<ReceivedLetter> entries) {
        if (registry == null) {
            return;
        }
        for (ReceivedLetter entry : entries) {
            Counter.builder("saraban.letters.registered").description("entries written to the receiving register")
                    .tag("mailbox", mailbox).tag("status", entry.status().column()).register(registry).increment();
        }
    }

    /**
     * What one send from the outbox came to, as the row's state after it: {@code sent}, {@code retry}
     * (queued again), {@code failed} or {@code uncertain}.
     */
    public void outgoingRecorded(SendAttempt attempt) {
        if (registry == null) {
            return;
        }
        String outcome = switch (attempt.outcome()) {
            case ACCEPTED -> "sent";
            case REJECTED -> "failed";
            case UNCERTAIN -> "uncertain";
            case RETRY -> attempt.message().attempts() >= attempt.message().maxAttempts() ? "failed" : "retry";
        };
        Counter.builder("saraban.outgoing").description("outbox sends by their result")
                .tag("kind", attempt.message().kind()).tag("outcome", outcome).register(registry).increment();
    }

    /** One push attempt ended: {@code delivered}, {@code retry} or {@code failed} (no attempts left). */
    public void pushEnded(String outcome) {
        if (registry == null) {
            return;
        }
        push(outcome).increment();
    }

    /** Push is on: its series exist from start-up with 0. */
    public void expectPush() {
        if (registry != null) {
            push("delivered");
            push("retry");
            push("failed");
        }
    }

    private Counter checks(String mailbox, String outcome) {
        return Counter.builder("saraban.checks").description("mailbox checks by how they ended")
                .tag("mailbox", mailbox).tag("outcome", outcome).register(registry);
    }

    private Counter push(String outcome) {
        return Counter.builder("saraban.push").description("push attempts to the agency's saraban system")
                .tag("outcome", outcome).register(registry);
    }
}
