package th.go.saraban.gateway.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which exchange headers become HTTP response headers of the API. platform-http's own strategy
 * sends back every header that is not Camel's, so each request header (a query parameter such as
 * {@code q}, {@code User-Agent}, and before {@link ApiAccess} removed it the {@code Authorization}
 * key) would be echoed to the client. Here only headers an API answer means to send leave: an
 * allow-list, so a header some step adds by accident stays inside. Request headers still come in as
 * platform-http maps them.
 */
public final class ApiHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition",
            "www-authenticate", "location", "retry-after", "cache-control", "etag", "last-modified",
            "x-content-type-options");

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerName.equalsIgnoreCase("authorization")) {
            if (exchange != null) {
                exchange.setProperty(ApiAccess.PRESENTED_CREDENTIAL, headerValue);
            }
            return true;
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        boolean answer = ANSWER_HEADERS.contains(name) || name.startsWith("x-saraban-");
        return !answer || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
