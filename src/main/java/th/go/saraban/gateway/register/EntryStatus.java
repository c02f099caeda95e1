package th.go.saraban.gateway.register;

/** {@code incoming_register.status}: what an officer needs to know about an entry at a glance. */
public enum EntryStatus {
    /** Read without problems. */
    REGISTERED("registered"),
    /** Registered from its raw bytes, but something could not be read: a person must look at it. */
    NEEDS_REVIEW("needs_review"),
    /** Over the size limit: recorded as received from its headers, content left on the server. */
    OVERSIZE("oversize"),
    /** The server would not hand the message over: recorded from its INTERNALDATE and size, for a person. */
    UNFETCHABLE("unfetchable"),
    /**
     * Reading it failed (threw, ran out of memory or time, or the process died) on every try:
     * registered from its raw bytes, or from its INTERNALDATE and size when even those could not be
     * kept, with each failure in the problems. Nothing read from it is trusted, so no acknowledgement.
     */
    UNREADABLE("unreadable");

    private final String column;

    EntryStatus(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
