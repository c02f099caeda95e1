package th.go.saraban.gateway.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IMAP server holding a few letters, one of which it will never hand over: every FETCH of its
 * body answers NO, as servers do for a message damaged in their store. Just enough IMAP for the
 * gateway's own commands.
 */
final class RefusingImapServer implements AutoCloseable {

    private static final String INTERNALDATE = "24-Nov-2026 10:00:00 +0700";

    private final ServerSocket socket;
    private final Map<Long, byte[]> letters = new TreeMap<>();
    private final long refusedUid;

    RefusingImapServer(List<byte[]> letters, long refusedUid) throws IOException {
        for (int i = 0; i < letters.size(); i++) {
            this.letters.put(i + 1L, letters.get(i));
        }
        this.refusedUid = refusedUid;
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "refusing-imap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> converse(client), "refusing-imap-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            write(out, "* OK [CAPABILITY IMAP4rev1] refusing test server ready\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ", 3);
                String tag = words[0];
                String command = words.length > 1 ? words[1].toUpperCase() : "";
                String rest = words.length > 2 ? words[2] : "";
                switch (command) {
                    case "CAPABILITY" -> write(out, "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n");
                    case "LOGIN" -> write(out, tag + " OK [CAPABILITY IMAP4rev1] logged in\r\n");
                    case "LIST" -> write(out, "* LIST () \"/\" INBOX\r\n" + tag + " OK done\r\n");
                    case "EXAMINE", "SELECT" -> write(out, "* FLAGS (\\Seen)\r\n* " + letters.size() + " EXISTS\r\n"
                            + "* 0 RECENT\r\n* OK [UIDVALIDITY 42] ok\r\n* OK [UIDNEXT " + (letters.size() + 1)
                            + "] ok\r\n" + tag + " OK [READ-ONLY] done\r\n");
                    case "UID" -> uidFetch(out, tag, rest);
                    case "LOGOUT" -> {
                        write(out, "* BYE bye\r\n" + tag + " OK done\r\n");
                        return;
                    }
                    default -> write(out, tag + " OK done\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void uidFetch(OutputStream out, String tag, String rest) throws IOException {
        // rest: FETCH <set> (<items>)
        String[] parts = rest.split(" ", 3);
        List<Long> uids = uids(parts[1]);
        String items = parts[2];
        boolean whole = items.contains("BODY.PEEK[]");
        boolean header = items.contains("BODY.PEEK[HEADER]");
        boolean refused = false;
        for (long uid : uids) {
            byte[] letter = letters.get(uid);
            if (letter == null) {
                continue;
            }
            if ((whole || header) && uid == refusedUid) {
                refused = true;
                continue;
            }
            StringBuilder fetch = new StringBuilder("* " + uid + " FETCH (UID " + uid + " RFC822.SIZE " + letter.length);
            if (items.contains("INTERNALDATE")) {
                fetch.append(" INTERNALDATE \"").append(INTERNALDATE).append("\" FLAGS ()");
            }
            byte[] body = whole ? letter : header ? headerOf(letter) : null;
            if (body != null) {
                fetch.append(whole ? " BODY[] {" : " BODY[HEADER] {").append(body.length).append("}\r\n");
                write(out, fetch.toString());
                out.write(body);
                write(out, ")\r\n");
            } else {
                write(out, fetch.append(")\r\n").toString());
            }
        }
        write(out, refused ? tag + " NO [SERVERBUG] Some messages could not be FETCHed\r\n" : tag + " OK done\r\n");
    }

    private List<Long> uids(String set) {
        List<Long> uids = new ArrayList<>();
        for (String range : set.split(",")) {
            if (range.contains(":")) {
                long from = Long.parseLong(range.substring(0, range.indexOf(':')));
                String to = range.substring(range.indexOf(':') + 1);
                long last = to.equals("*") ? letters.size() : Long.parseLong(to);
                // "n:*" always includes the highest UID (RFC 3501)
                for (long uid = Math.min(from, last); uid <= last; uid++) {
                    uids.add(uid);
                }
            } else {
                uids.add(Long.parseLong(range));
            }
        }
        return uids;
    }

    private static byte[] headerOf(byte[] letter) {
        String text = new String(letter, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return Arrays.copyOf(letter, end < 0 ? letter.length : end + 4);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
