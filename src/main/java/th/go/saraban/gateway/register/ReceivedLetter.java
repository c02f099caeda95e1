package th.go.saraban.gateway.register;

import java.time.Instant;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.RawMessage;

/**
 * A message ready to enter the receiving register: the server's bytes, what could be read from
 * them, and when it was legally received.
 *
 * @param registerYear Buddhist-Era year of {@code deemedReceivedAt} in the agency's zone
 * @param rawSha256    lowercase hex SHA-256 of the raw bytes; null only for oversize mail
 * @param deemedWithoutHolidayData {@code deemedReceivedAt} was computed over a date the holiday data
 *                     does not cover, so a holiday there was taken for a business day
 */
public record ReceivedLetter(RawMessage message, Letter letter, Instant receivedAt, Instant deemedReceivedAt,
                             int registerYear, String rawSha256, EntryStatus status,
                             boolean deemedWithoutHolidayData) {
}
