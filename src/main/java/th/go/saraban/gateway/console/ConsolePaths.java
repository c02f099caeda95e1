package th.go.saraban.gateway.console;

/** The console's addresses, as routes/console.camel.yaml serves them. */
final class ConsolePaths {

    static final String ROOT = "/console/";
    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    static final String REGISTER = "/console/register";
    static final String COMPLIANCE = "/console/compliance";
    static final String NEEDS_A_PERSON = "/console/needs-a-person";
    static final String OUTBOX = "/console/outbox";
    static final String ASSETS = "/console/assets/";

    /** The session cookie: sent only to the console's own paths. */
    static final String SESSION_COOKIE = "saraban_console";
    static final String SESSION_COOKIE_PATH = "/console";
    /** Binds the sign-in form to the browser that loaded it (login CSRF). */
    static final String SIGN_IN_COOKIE = "saraban_console_sign_in";

    private ConsolePaths() {
    }
}
