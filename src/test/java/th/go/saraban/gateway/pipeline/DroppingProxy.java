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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between the gateway and the IMAP server that drops the connection in the middle of
 * one chosen answer, as a broken network or a restarting server would: the {@code fetchToCut}-th
 * whole-message FETCH ({@code BODY.PEEK[]}) gets only its first {@code bytesBeforeCut} bytes, then
 * both sides are closed. Counting bytes rather than waiting makes the cut land at the same place
 * every run. Everything else passes through untouched.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final int fetchToCut;
    private final int bytesBeforeCut;
    private final AtomicInteger wholeFetches = new AtomicInteger();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    DroppingProxy(int serverPort, int fetchToCut, int bytesBeforeCut) throws IOException {
        this.serverPort = serverPort;
        this.fetchToCut = fetchToCut;
        this.bytesBeforeCut = bytesBeforeCut;
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        daemon("dropping-proxy", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** True once the connection was dropped. */
    boolean hasCut() {
        return cut.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean armed = new AtomicBoolean();
                daemon("dropping-proxy-up", () -> commands(client, server, armed));
                daemon("dropping-proxy-down", () -> answers(server, client, armed));
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** Gateway to server; arms the cut before the chosen FETCH reaches the server. */
    private void commands(Socket client, Socket server, AtomicBoolean armed) {
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("BODY.PEEK[]")
                        && wholeFetches.incrementAndGet() == fetchToCut) {
                    armed.set(true);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(client, server);
        }
    }

    /** Server to gateway; once armed, passes {@code bytesBeforeCut} more bytes and drops both sides. */
    private void answers(Socket server, Socket client, AtomicBoolean armed) {
        byte[] buffer = new byte[8192];
        int passed = 0;
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (armed.get()) {
                    int allowed = Math.min(n, bytesBeforeCut - passed);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    passed += allowed;
                    if (passed >= bytesBeforeCut) {
                        cut.set(true);
                        return;
                    }
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(client, server);
        }
    }

    private static void closeQuietly(Socket... ends) {
        for (Socket end : ends) {
            try {
                end.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(DroppingProxy::closeQuietly);
    }
}
