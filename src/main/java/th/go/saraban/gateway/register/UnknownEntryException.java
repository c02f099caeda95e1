package th.go.saraban.gateway.register;

/** No receiving-register entry has this id. */
public final class UnknownEntryException extends RuntimeException {

    private final long entryId;

    public UnknownEntryException(long entryId) {
        super("no register entry " + entryId);
        this.entryId = entryId;
    }

    public long entryId() {
        return entryId;
    }
}
