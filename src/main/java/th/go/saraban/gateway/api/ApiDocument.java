package th.go.saraban.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json}: camel-openapi-java's, built once at start-up
 * from the REST DSL, with a relative {@code servers} entry, the context path ({@code /api/v1}).
 * Camel names the address the server binds to, {@code http://0.0.0.0/api/v1}, where no client can
 * call; a relative server makes a generated client call the host it fetched the document from,
 * under whatever name or proxy the agency gives the gateway.
 *
 * <p>Bound in the registry as the one {@link RestApiProcessorFactory}, which Camel's
 * {@code rest-api} endpoint takes before the one on the classpath. Camel's own option for this,
 * {@code camel.rest.use-x-forward-headers}, rebuilds the whole document on every request (about half
 * a second each on a 2-core machine, for anyone, without a key); here only the built document's
 * 60 KB of JSON are rewritten.
 */
public final class ApiDocument implements RestApiProcessorFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestApiProcessorFactory camels = new OpenApiRestApiProcessorFactory();

    @Override
    public Processor createApiProcessor(CamelContext camelContext, String contextPath, RestConfiguration configuration,
                                        Map<String, Object> parameters) throws Exception {
        return new RelativeServer(camels.createApiProcessor(camelContext, contextPath, configuration, parameters),
                configuration.getContextPath());
    }

    /** Camel's document processor, started and stopped with this one (it builds the document when started). */
    private static final class RelativeServer extends ServiceSupport implements Processor {
        private final Processor document;
        private final String server;

        RelativeServer(Processor document, String server) {
            this.document = document;
            this.server = server;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            document.process(exchange);
            Message answer = exchange.getMessage();
            if (answer.getHeader(Exchange.CONTENT_TYPE, "", String.class).contains("json")
                    && answer.getBody() instanceof byte[] built) {
                answer.setBody(withServer(built, server));
            }
        }

        @Override
        protected void doInit() {
            ServiceHelper.initService(document);
        }

        @Override
        protected void doStart() {
            ServiceHelper.startService(document);
        }

        @Override
        protected void doStop() {
            ServiceHelper.stopService(document);
        }
    }

    /** A copy of {@code document} whose only server is {@code url}: the built bytes are shared by every answer. */
    static byte[] withServer(byte[] document, String url) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        root.putArray("servers").addObject().put("url", url);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
