package th.go.saraban.gateway.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/**
 * How this node takes part in the schedule: whether it runs scheduled checks at all, how many checks
 * it runs at once (one Quartz thread each: a mailbox whose server hangs holds one thread for at most
 * its IMAP timeout, never the others), and how often it tells the cluster it is alive.
 *
 * @param clustered       {@code saraban.check.enabled}: false = this node takes no check from the cluster
 * @param parallelChecks  {@code saraban.check.parallel}
 * @param checkinInterval {@code saraban.cluster.checkin-seconds}
 * @param node            {@code saraban.cluster.node}: this node's name in the cluster and the check log
 */
public record ClusterSettings(boolean clustered, int parallelChecks, Duration checkinInterval, String node) {

    public static final String PARALLEL = "saraban.check.parallel";
    public static final String CHECKIN = "saraban.cluster.checkin-seconds";
    public static final String NODE = "saraban.cluster.node";

    /** The node name a gateway process {@code pid} on this host has when saraban.cluster.node is not set. */
    public static String defaultNode(long pid) {
        return NodeName.of(pid);
    }

    public static ClusterSettings read(Function<String, Optional<String>> source) {
        boolean enabled = !"false".equals(value(source, "saraban.check.enabled").orElse("true"));
        int parallel = positive(source, PARALLEL, 10);
        int checkin = positive(source, CHECKIN, 5);
        String node = value(source, NODE).orElse(NodeName.ofThisProcess());
        if (!node.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidSettingException(NODE, "'" + node + "' is not a node name (letters, digits, '.', '_', '-')");
        }
        return new ClusterSettings(enabled, parallel, Duration.ofSeconds(checkin), node);
    }

    /**
     * The longest a dead node's mailboxes wait for another node: the dead node is declared failed
     * when its last check-in is older than its interval plus Quartz's 7.5 s grace, and that is seen at
     * the next check-in of a live node, one interval later at most.
     */
    public Duration takeoverWithin() {
        return checkinInterval.multipliedBy(2).plusMillis(7500);
    }

    private static Optional<String> value(Function<String, Optional<String>> source, String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int positive(Function<String, Optional<String>> source, String key, int fallback) {
        Optional<String> value = value(source, key);
        try {
            int n = value.map(Integer::parseInt).orElse(fallback);
            if (n < 1) {
                throw new InvalidSettingException(key, "must be a positive whole number, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "'" + value.get() + "' is not a whole number");
        }
    }
}
