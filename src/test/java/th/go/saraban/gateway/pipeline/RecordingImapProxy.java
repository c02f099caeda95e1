package th.go.saraban.gateway.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between the gateway and the test mail server and writes down every command line the gateway
 * sends, so a test can assert on what crossed the wire: which UIDs had their bytes fetched, and in
 * which batches.
 */
final class RecordingImapProxy implements AutoCloseable {

    private static final Pattern BODY_FETCH = Pattern.compile("UID FETCH (\\S+) \\(.*BODY\\.PEEK\\[\\]");

    private final ServerSocket socket;
    private final int serverPort;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    RecordingImapProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        daemon(this::accept, "imap-proxy");
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The UID sets of the commands that fetched whole messages, in the order they were sent. */
    List<String> bodyFetches() {
        return commands.stream().map(BODY_FETCH::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                daemon(() -> pump(client, server, true), "imap-proxy-up");
                daemon(() -> pump(server, client, false), "imap-proxy-down");
            } catch (IOException e) {
                // closing
            }
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        StringBuilder line = new StringBuilder();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
                if (record) {
                    for (char c : new String(buffer, 0, n, StandardCharsets.ISO_8859_1).toCharArray()) {
                        if (c == '\n') {
                            commands.add(line.toString().strip());
                            line.setLength(0);
                        } else {
                            line.append(c);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
