package th.go.saraban.gateway.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * The legal receipt time of one message, and whether it rests on holiday data: when the arrival
 * date or a day walked over to reach the next opening lies outside the covered years, that day was
 * taken for a business day without anything saying it was not a holiday.
 */
public record DeemedReceipt(Instant at, boolean withoutHolidayData) {

    public DeemedReceipt {
        Objects.requireNonNull(at, "at");
    }
}
