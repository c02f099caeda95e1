package th.go.saraban.gateway.api;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.outbound.OfficerReplies;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.register.EntryActions;

/**
 * Binds what {@code routes/api-records.camel.yaml} calls (actions, replies, the outgoing message, the
 * sending register, the check log) and the domain the web console shares ({@code entryActions},
 * {@code officerReplies}), and fills the parts of the entry document that belong to officers' work:
 * the actions and the replies. Runs after {@link ApiWiring}.
 */
public final class RecordsWiring {

    /** Attachment bytes one reply may carry; SMTP servers commonly refuse messages over 25 MB, and base64 adds a third. */
    static final String REPLY_MAX_MEGABYTES = "saraban.api.reply-max-megabytes";

    private RecordsWiring() {
    }

    public static void bind(CamelContext context) {
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        Outbox outbox = registry.lookupByNameAndType("outbox", Outbox.class);
        ZoneId zone = ZoneId.of(context.getPropertiesComponent().resolveProperty("saraban.timezone")
                .orElse("Asia/Bangkok"));
        String contextPath = context.getPropertiesComponent().resolveProperty("camel.rest.context-path")
                .orElse("/api/v1");
        EntryActions entryActions = new EntryActions(dataSource, clock, zone);
        OfficerReplies officerReplies = new OfficerReplies(outbox, dataSource, clock, replyMaxBytes(context));
        OutgoingDocuments outgoing = new OutgoingDocuments(dataSource, zone);
        RecordsApi api = new RecordsApi(dataSource, entryActions, officerReplies, outgoing, contextPath, zone);
        registry.bind("entryActions", entryActions);
        registry.bind("officerReplies", officerReplies);
        registry.bind("outgoingDocuments", outgoing);
        registry.bind("recordPages", new RecordPages(dataSource, zone));
        registry.bind("recordsApi", api);

        // ที่ / ลงวันที่ / การปฏิบัติ / หมายเหตุ are register columns: EntryDocuments reads them with the rest
        EntryDocuments documents = registry.lookupByNameAndType("entryDocuments", EntryDocuments.class);
        documents.part("actions", (db, entryId) -> api.actions(EntryActions.actions(db, entryId)));
        documents.part("replies", outgoing::replies);
    }

    private static long replyMaxBytes(CamelContext context) {
        String value = context.getPropertiesComponent().resolveProperty(REPLY_MAX_MEGABYTES).orElse("10").trim();
        try {
            int megabytes = Integer.parseInt(value);
            if (megabytes < 1 || megabytes > 100) {
                throw new InvalidSettingException(REPLY_MAX_MEGABYTES, "'" + value + "' is outside 1..100 megabytes");
            }
            return megabytes * 1024L * 1024L;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(REPLY_MAX_MEGABYTES, "'" + value + "' is not a whole number of megabytes");
        }
    }
}
