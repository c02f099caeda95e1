package th.go.saraban.gateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default name of a gateway node: its host name (saraban.cluster.node overrides it). */
final class NodeName {

    private NodeName() {
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
