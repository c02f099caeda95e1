package th.go.saraban.gateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The default name of a gateway node: its host name and process id, so that a second process on the
 * same host with the same settings is a node of its own (two nodes with one Quartz instance id would
 * each recover the other's checks as their own). saraban.cluster.node overrides it: a fixed name lets
 * a node restarted after a crash recover its unfinished check at its first check-in instead of
 * waiting to be declared dead.
 */
final class NodeName {

    private NodeName() {
    }

    static String ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    /** The default name of the gateway process {@code pid} on this host. */
    static String of(long pid) {
        return host() + "-" + pid;
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
