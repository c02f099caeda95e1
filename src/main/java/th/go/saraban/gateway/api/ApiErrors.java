package th.go.saraban.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error answer of every API route (route configuration {@code api}). The body is written as a
 * JSON string here because the REST binding does not marshal answers with an error status. Anything
 * but an {@link ApiException} is our fault: the client gets 500 with the exception's class only, the
 * log gets the message, and neither gets a stack trace or a header of the request.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger("th.go.saraban.gateway.api");
    private static final ObjectMapper JSON = new ObjectMapper();

    public void respond(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException refusal = caught instanceof ApiException api ? api : internal(exchange, caught);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        if (refusal.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"saraban-gateway\"");
        }
        exchange.getMessage().setBody(body(refusal.error(), refusal.detail()));
    }

    static String body(String error, String detail) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("detail", detail);
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is always JSON", e);
        }
    }

    private static ApiException internal(Exchange exchange, Throwable caught) {
        String what = caught == null ? "unknown failure" : caught.getClass().getSimpleName();
        LOG.error("API call {} {} failed: {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_URI), what,
                caught == null ? "" : caught.getMessage());
        return new ApiException(500, "internal", "the gateway could not answer (" + what
                + "); the operator's log has the details");
    }
}
