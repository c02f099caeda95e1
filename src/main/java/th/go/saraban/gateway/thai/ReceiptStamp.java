package th.go.saraban.gateway.thai;

import java.time.ZonedDateTime;

/**
 * The receipt stamp (ตรารับ) a central-records office puts on every incoming letter: receipt
 * number, date and time, as in {@code เลขรับ ๑๒๓ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น.}. The e-mail
 * equivalent goes into the register entry and the acknowledgement, so the citizen sees the same
 * facts a paper letter would carry. The time is written in its own zone; pass the deemed-received
 * time in the agency's zone.
 */
public final class ReceiptStamp {

    private ReceiptStamp() {
    }

    public static String text(long registerNo, ZonedDateTime receivedAt) {
        if (registerNo < 1) {
            throw new IllegalArgumentException("Register numbers start at 1, got " + registerNo);
        }
        return "เลขรับ " + ThaiDigits.of(registerNo)
                + " วันที่ " + OfficialDates.date(receivedAt)
                + " เวลา " + OfficialDates.time(receivedAt);
    }
}
