package th.go.saraban.gateway.register;

/**
 * What an officer records about a letter, as given (the API's JSON body, the console's form).
 * A null field is left as it is; an empty string clears it. Nothing is trusted: {@link EntryActions}
 * checks every field.
 *
 * @param status       one of {@link EntryActions#OFFICER_STATUSES}
 * @param routedTo     การปฏิบัติ: the unit the letter went to
 * @param remarks      หมายเหตุ
 * @param documentNo   ที่: the sender's document number
 * @param documentDate ลงวันที่: the date on the letter, ISO {@code yyyy-MM-dd} (Christian-era year)
 */
public record ActionRequest(String status, String routedTo, String remarks, String documentNo,
                            String documentDate) {
}
