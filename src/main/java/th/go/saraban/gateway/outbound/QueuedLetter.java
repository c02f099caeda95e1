package th.go.saraban.gateway.outbound;

/**
 * A message entering the outbox: the letter as it will be sent, and what it belongs to.
 *
 * @param kind            {@code acknowledgement} or {@code reply}
 * @param answersEntryId  the {@code incoming_register} entry it answers, if any
 */
public record QueuedLetter(String mailbox, String kind, Long answersEntryId, OutgoingLetter letter) {
}
