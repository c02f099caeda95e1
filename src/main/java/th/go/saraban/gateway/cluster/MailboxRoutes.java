package th.go.saraban.gateway.cluster;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * Instantiates the route templates of {@code routes/} once per configured mailbox, the way camel-main
 * does for {@code camel.route-template[...]} keys, but from the checked {@code saraban.mailbox.*}
 * settings: each mailbox gets {@code schedule-mailbox-<name>} (its Quartz trigger),
 * {@code check-mailbox-<name>} and {@code register-sent-mail-<name>}.
 */
public final class MailboxRoutes implements RouteTemplateParameterSource {

    private static final Map<String, String> TEMPLATES = Map.of(
            "schedule-mailbox-", "mailbox-schedule",
            "check-mailbox-", "mailbox-check",
            "register-sent-mail-", "mailbox-sent-mail");

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public MailboxRoutes(Mailboxes mailboxes) {
        for (Mailboxes.Mailbox mailbox : mailboxes.all()) {
            TEMPLATES.forEach((prefix, template) -> {
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put(TEMPLATE_ID, template);
                parameters.put("name", mailbox.name());
                parameters.put("cron", mailbox.cron());
                parameters.put("timeZone", mailbox.zone());
                routes.put(prefix + mailbox.name(), parameters);
            });
        }
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.get(routeId));
    }

    @Override
    public Set<String> routeIds() {
        return new LinkedHashSet<>(routes.keySet());
    }
}
