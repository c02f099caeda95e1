package th.go.saraban.gateway.bootstrap;

/**
 * A setting an operator must fix before the gateway can start. Its message names the key and says
 * what is wrong; it is printed alone, without a stack trace, because the fix is in the
 * configuration, not in the code.
 */
public final class InvalidSettingException extends RuntimeException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("Invalid setting " + key + ": " + problem, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
