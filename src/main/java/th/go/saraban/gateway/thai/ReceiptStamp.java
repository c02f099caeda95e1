package th.go.saraban.gateway.thai;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The receipt stamp (ตรารับ) a central-records office puts on every incoming letter: the agency,
 * then เลขรับ, วันที่ and เวลา, as in
 * {@code ที่ทำการปกครองจังหวัดสกลนคร (สน ๐๐๑๘.๑) เลขรับ ๑๒๓ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น.}.
 * <p>
 * Its date and time are the legal receipt time (the deemed-received time), the same time that
 * chose the register year its number belongs to; the moment the mail server accepted the letter is
 * a different fact, stated beside the stamp, never on it. A stamp is therefore made only from a
 * register entry and its deemed-received time, and refuses a time whose Buddhist-Era year is not
 * the entry's register year: a letter that arrived on 30 December but counts from 5 January cannot
 * carry number 1 of the new year under the old year's date.
 *
 * @param deemedReceivedAt in the agency's zone
 */
public record ReceiptStamp(Agency agency, RegisterTag entry, ZonedDateTime deemedReceivedAt) {

    public ReceiptStamp {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(deemedReceivedAt, "deemedReceivedAt");
        int year = BuddhistEra.yearOf(deemedReceivedAt.toInstant(), deemedReceivedAt.getZone());
        if (year != entry.registerYear()) {
            throw new IllegalArgumentException("a receipt stamp is dated at the deemed-received time, which falls in "
                    + year + ", but register number " + entry.registerNo() + " belongs to " + entry.registerYear()
                    + ": was it given the arrival time instead?");
        }
    }

    /** The stamp for {@code entry}, dated at its deemed-received time in the agency's zone. */
    public static ReceiptStamp of(Agency agency, RegisterTag entry, Instant deemedReceivedAt, ZoneId zone) {
        return new ReceiptStamp(agency, entry, deemedReceivedAt.atZone(zone));
    }

    public String text() {
        return agency.stampHeading()
                + " เลขรับ " + ThaiDigits.of(entry.registerNo())
                + " วันที่ " + OfficialDates.date(deemedReceivedAt)
                + " เวลา " + OfficialDates.time(deemedReceivedAt);
    }
}
