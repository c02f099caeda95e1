package th.go.saraban.gateway.mail;

/** What a check learns about a new message before fetching it: enough to plan bounded batches. */
public record UidAndSize(long uid, long size) {
}
