package th.go.saraban.gateway.bootstrap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Settings that work but that the rules for a central mailbox do not expect, said once at start-up
 * as warnings naming the key and the value. They are warnings, not refusals: a test system, an
 * agency in the middle of moving its domain, or one whose server sits abroad still has to start.
 * <ul>
 * <li>The Correspondence Regulation (No. 4) B.E. 2564 asks for a central address beginning with
 * {@code saraban@} on the agency's own domain, which a free webmail domain can never be.</li>
 * <li>Business hours, deemed-received times and register years are Thai official time; another
 * zone moves every one of them.</li>
 * </ul>
 */
final class RegulationWarnings {

    static final String CENTRAL_LOCAL_PART = "saraban";
    static final ZoneId THAI_TIME = ZoneId.of("Asia/Bangkok");

    /**
     * Free mail providers: mail there is not on the agency's domain. The one list, kept here and not in
     * configuration because it is a fact about the world, not an agency's choice. A name ending in
     * ".*" matches that provider under any country suffix (gmx.de, gmx.net, yandex.ru, yandex.com).
     */
    static final Set<String> FREE_MAIL_DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
            "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
            "gmx.*", "aol.com", "zoho.com", "mail.com", "yandex.*",
            "hotmail.co.th", "yahoo.co.th", "outlook.co.th", "live.co.th");

    private RegulationWarnings() {
    }

    /** Every warning for these settings, one operator-readable line each. */
    static List<String> of(GatewaySettings settings, Instant now) {
        List<String> warnings = new ArrayList<>(centralAddress(settings.centralAddress));
        timeZone(settings.zone, now).ifPresent(warnings::add);
        if (settings.agencyName.isEmpty() && !settings.embeddedMailbox()) {
            warnings.add("saraban.agency.name is blank: acknowledgements and the receipt stamp name the agency by its"
                    + " central address (" + settings.centralAddress + ") instead of its name");
        }
        return warnings;
    }

    static List<String> centralAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        List<String> warnings = new ArrayList<>();
        if (!local.equals(CENTRAL_LOCAL_PART)) {
            warnings.add("saraban.central-address=" + address + " does not begin with saraban@: the Correspondence"
                    + " Regulation (No. 4) B.E. 2564 asks for the central address saraban@ on the agency's own"
                    + " domain (e.g. saraban@" + domain + ")");
        }
        if (isFreeMail(domain)) {
            warnings.add("saraban.central-address=" + address + " is on the free mail domain " + domain
                    + ": the central mailbox must be on the agency's own domain, where the agency controls who"
                    + " reads and sends its mail");
        }
        return warnings;
    }

    static boolean isFreeMail(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        for (String free : FREE_MAIL_DOMAINS) {
            if (free.endsWith(".*") ? lower.startsWith(free.substring(0, free.length() - 1)) : lower.equals(free)) {
                return true;
            }
        }
        return false;
    }

    static Optional<String> timeZone(ZoneId zone, Instant now) {
        if (zone.equals(THAI_TIME)) {
            return Optional.empty();
        }
        ZoneOffset thai = THAI_TIME.getRules().getOffset(now);
        ZoneOffset configured = zone.getRules().getOffset(now);
        int minutes = (configured.getTotalSeconds() - thai.getTotalSeconds()) / 60;
        String shift = minutes == 0 ? "the same offset as Thai time today, but the zone's own rules apply"
                : String.format(Locale.ROOT, "%s%02d:%02d from Thai time today", minutes < 0 ? "-" : "+",
                        Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        return Optional.of("saraban.timezone=" + zone.getId() + " is not Asia/Bangkok: business hours,"
                + " deemed-received times, register years and the check schedule are all computed in it, so every"
                + " deemed-received time moves (" + shift + ")");
    }
}
