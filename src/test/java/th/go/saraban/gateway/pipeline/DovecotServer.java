package th.go.saraban.gateway.pipeline;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Assumptions;

/**
 * The agency's mail server as a real Dovecot (Debian's {@code dovecot-imapd}), one per test: its
 * configuration, mail, sockets, state and log live in a temporary directory and it listens on a
 * free loopback port, so it never meets the system's Dovecot or another test run. Plain IMAP and
 * plain-text passwords, because only tests talk to it.
 *
 * <p>Letters go in by IMAP APPEND with the INTERNALDATE the test chooses, written as a raw literal
 * rather than through {@code MimeMessage.writeTo}, which would rewrite line ends: what the test
 * appended is byte for byte what the server hands the gateway (given CRLF line ends, the only ones
 * IMAP carries), so a SHA-256 computed here is the one the register must hold.
 *
 * <p>Dovecot never lets mail processes run as root: when the tests run as root (CI), mail is
 * handled by the package's {@code dovecot} user, otherwise every process runs as the current user.
 * Without {@code /usr/sbin/dovecot} the test is skipped, unless {@code SARABAN_REQUIRE_DOVECOT=1}
 * (set by {@code .ci/run}) makes it a failure.
 */
public final class DovecotServer implements AgencyMailServer, AutoCloseable {

    public static final String LOGIN = "saraban@localhost";
    public static final String PASSWORD = TestMailServer.PASSWORD;

    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final String REQUIRED = "SARABAN_REQUIRE_DOVECOT";
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    private final Path home;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final int imapPort;
    private final Process master;
    private final Session session;
    private Store store;

    private DovecotServer(Path home, int imapPort) throws IOException {
        this.home = home;
        this.imapPort = imapPort;
        addUser(LOGIN, PASSWORD);
        Path config = home.resolve("dovecot.conf");
        Files.writeString(config, config(home, imapPort));
        master = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("dovecot.out").toFile()).start();
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", "60000");
        session = Session.getInstance(properties);
    }

    /** Starts a private Dovecot and returns once it greets IMAP clients; skips the test without one. */
    public static DovecotServer start() {
        if (!Files.isExecutable(DOVECOT)) {
            String missing = "no " + DOVECOT + " (Debian package dovecot-imapd)";
            if ("1".equals(System.getenv(REQUIRED))) {
                throw new IllegalStateException(REQUIRED + "=1 but there is " + missing);
            }
            String skipped = "Skipped: the tests against a real Dovecot need " + DOVECOT + " (Debian package"
                    + " dovecot-imapd); .ci/run installs it and sets " + REQUIRED + "=1 so that they cannot be skipped";
            if (!SKIP_REPORTED.getAndSet(true)) {
                System.err.println(skipped);
            }
            Assumptions.abort(skipped);
        }
        // another process may take the free port between our look and Dovecot's bind: try again
        for (int attempt = 1; ; attempt++) {
            DovecotServer server = null;
            try {
                Path home = Files.createTempDirectory("saraban-dovecot-");
                server = new DovecotServer(home, freePort());
                server.awaitGreeting();
                return server;
            } catch (IOException | RuntimeException e) {
                String log = server == null ? "" : server.log();
                if (server != null) {
                    server.close();
                }
                if (attempt == 3) {
                    throw new IllegalStateException("Dovecot did not start: " + e.getMessage() + "\n" + log, e);
                }
            }
        }
    }

    @Override
    public int imapPort() {
        return imapPort;
    }

    @Override
    public String login() {
        return LOGIN;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    /** Dovecot takes no SMTP here: a loopback port nobody listens on, so sending fails visibly. */
    @Override
    public int smtpPort() {
        return freePort();
    }

    /**
     * The Maildir of a mailbox owner ({@code cur/}, {@code new/}, {@code tmp/} below it), for the
     * throughput benchmark, which seeds thousands of letters as files instead of one APPEND each.
     */
    public Path maildir(String login) {
        return home.resolve("mail").resolve(login);
    }

    /** Adds a mailbox owner; Dovecot reads its password file again when the file changes. */
    public void addUser(String login, String password) {
        users.put(login, password);
        StringBuilder lines = new StringBuilder();
        users.forEach((user, secret) -> lines.append(user).append(":{PLAIN}").append(secret).append("::::::\n"));
        try {
            Files.writeString(home.resolve("users"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a letter into the INBOX as received at {@code internalDate}; returns its UID. */
    public long deliver(byte[] raw, OffsetDateTime internalDate, Flags.Flag... flags) {
        return deliver("INBOX", raw, internalDate, flags);
    }

    /** Puts a letter into {@code folderName} (created if missing) as received at {@code internalDate}. */
    public long deliver(String folderName, byte[] raw, OffsetDateTime internalDate, Flags.Flag... flags) {
        Flags set = new Flags();
        for (Flags.Flag flag : flags) {
            set.add(flag);
        }
        Literal exactBytes = new Literal() {
            @Override
            public int size() {
                return raw.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(raw);
            }
        };
        try {
            IMAPFolder folder = (IMAPFolder) store().getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            AppendUID appended = (AppendUID) folder.doCommand(protocol -> protocol.appenduid(folder.getFullName(),
                    flags.length == 0 ? null : set, Date.from(internalDate.toInstant()), exactBytes));
            return appended.uid;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes {@code folderName} with its letters and creates it again empty, as an administrator
     * restoring or migrating a mailbox would: Dovecot gives it a new UIDVALIDITY and UIDs restart.
     */
    public void recreate(String folderName) {
        try {
            Folder folder = store().getFolder(folderName);
            if (folder.exists()) {
                folder.delete(true);
            }
            folder.create(Folder.HOLDS_MESSAGES);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public long uidValidity(String folderName) {
        try {
            return ((IMAPFolder) store().getFolder(folderName)).getUIDValidity();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flags of every letter in a folder, in UID order, read without changing them (EXAMINE). */
    public List<Flags> flags(String folderName) {
        try {
            Folder folder = store().getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            try {
                List<Flags> flags = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    flags.add(message.getFlags());
                }
                return flags;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dovecot's own log and console, for a failure message. */
    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("dovecot.out", "dovecot.log")) {
            try {
                Path file = home.resolve(name);
                if (Files.exists(file)) {
                    text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                text.append("(").append(name).append(" unreadable: ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    private Store store() throws MessagingException {
        if (store == null || !store.isConnected()) {
            store = session.getStore("imap");
            store.connect("127.0.0.1", imapPort, LOGIN, PASSWORD);
        }
        return store;
    }

    /** Waits for the real greeting; "Waiting for authentication process" is not one yet. */
    private void awaitGreeting() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .failFast("Dovecot exited", () -> !master.isAlive())
                .until(() -> {
                    try (Socket client = new Socket()) {
                        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), imapPort), 1000);
                        client.setSoTimeout(5000);
                        BufferedReader greeting = new BufferedReader(new InputStreamReader(client.getInputStream(),
                                StandardCharsets.US_ASCII));
                        String line;
                        while ((line = greeting.readLine()) != null && !line.contains("CAPABILITY")) {
                            // skip the interim greeting
                        }
                        client.getOutputStream().write("z LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
                        return line != null;
                    }
                });
    }

    private static String config(Path home, int port) throws IOException {
        PosixFileAttributes owner = Files.readAttributes(home, PosixFileAttributes.class);
        Path mail = Files.createDirectories(home.resolve("mail"));
        String mailUser = owner.owner().getName();
        String mailGroup = owner.group().getName();
        String processes;
        if (mailUser.equals("root")) {
            // mail processes drop to the package's user; it must reach the mail directory
            mailUser = "dovecot";
            mailGroup = "dovecot";
            UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(mail, lookup.lookupPrincipalByName(mailUser));
            Files.getFileAttributeView(mail, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(lookup.lookupPrincipalByGroupName(mailGroup));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            processes = "";
        } else {
            processes = "default_internal_user = " + mailUser + "\n"
                    + "default_internal_group = " + mailGroup + "\n"
                    + "default_login_user = " + mailUser + "\n";
        }
        return """
                # A private Dovecot for one test run, written by DovecotServer: nothing outside %1$s
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                mail_location = maildir:%1$s/mail/%%u
                mail_uid = %2$s
                mail_gid = %3$s
                first_valid_uid = 1
                first_valid_gid = 1
                %4$s
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = username_format=%%u %1$s/users
                }
                service imap-login {
                  chroot =
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %5$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(home, mailUser, mailGroup, processes, port);
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Dovecot and every process it started, and removes its directory. */
    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // the server goes away below anyway
        }
        List<ProcessHandle> children = master.descendants().toList();
        master.destroy();
        try {
            if (!master.waitFor(10, TimeUnit.SECONDS)) {
                master.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory harms nobody
        }
    }
}
