package th.go.saraban.gateway.console;

/**
 * A signed-in person: an officer (เจ้าหน้าที่งานสารบรรณกลาง) or an administrator (IT staff who run
 * the gateway). Administrators may also decide about outgoing mail whose delivery is uncertain or
 * failed, because that needs the SMTP server's logs: a wrong "send it again" gives the citizen a
 * second copy, a wrong "it was delivered" loses a reply.
 *
 * @param csrfToken the session's synchronizer token, written into every form
 */
public record Officer(long userId, String name, String role, String csrfToken) {

    public static final String OFFICER = "officer";
    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
