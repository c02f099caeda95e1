package th.go.saraban.gateway.register;

/**
 * Who made a change, as the audit trail records it: the officer's name as given, and the name of the
 * API key the call came with ({@code null} for the web console, where the officer signed in).
 */
public record Actor(String officer, String apiKeyName) {

    public static Actor officer(String officer) {
        return new Actor(officer, null);
    }
}
