package th.go.saraban.gateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.quartz.spi.InstanceIdGenerator;

/**
 * The name of this gateway process in the cluster: host name and process id, e.g.
 * {@code saraban-1-48213}. Quartz uses it as its instance id (unique while the process lives, which
 * is what its cluster manager needs to tell a dead node from a live one), and every check this
 * process runs is written down with it in {@code mailbox_check.node}.
 */
public final class NodeName implements InstanceIdGenerator {

    // no ":" : Quartz puts the id into a JMX object name
    private static final String NAME = host() + "-" + ProcessHandle.current().pid();

    public static String ofThisProcess() {
        return NAME;
    }

    @Override
    public String generateInstanceId() {
        return NAME;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
