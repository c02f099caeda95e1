package th.go.saraban.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The JSON object a POST carries, read by us rather than by the REST binding so that every wrong
 * value is a 400 naming its field ({@code attachments[1].content_base64}), never a binding error.
 * Fields it does not know are left alone: a client may send more than a call uses.
 */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // attachments arrive as base64 inside the body: allow strings as long as the body may be
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build());
    }

    private final JsonNode root;
    private final String prefix;

    private JsonBody(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    static JsonBody of(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        JsonNode root;
        try {
            if (body == null) {
                throw ApiException.badParameter("body", "a JSON object is required");
            } else if (body instanceof String text) {
                root = JSON.readTree(text);
            } else if (body instanceof byte[] bytes) {
                root = JSON.readTree(bytes);
            } else if (body instanceof InputStream stream) {
                root = JSON.readTree(stream);
            } else {
                root = JSON.readTree(exchange.getMessage().getBody(byte[].class));
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badParameter("body", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiException.badParameter("body", "could not be read");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badParameter("body", "must be a JSON object");
        }
        return new JsonBody(root, "");
    }

    /** A string field; null when absent or null. A number or object where text belongs is refused. */
    String text(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badParameter(prefix + field, "must be a string");
        }
        return value.textValue();
    }

    /** A list of strings; a single string counts as a list of one. Empty when absent. */
    List<String> texts(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw ApiException.badParameter(prefix + field, "must be a string or an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw ApiException.badParameter(prefix + field + "[" + i + "]", "must be a string");
            }
            texts.add(value.get(i).textValue());
        }
        return texts;
    }

    /** A list of objects, each read with its own field names prefixed ({@code attachments[0].filename}). */
    List<JsonBody> objects(String field) {
        JsonNode value = node(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badParameter(prefix + field, "must be an array of objects");
        }
        List<JsonBody> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String name = prefix + field + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw ApiException.badParameter(name, "must be an object");
            }
            objects.add(new JsonBody(value.get(i), name + "."));
        }
        return objects;
    }

    private JsonNode node(String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** The field's name as an error names it. */
    String name(String field) {
        return prefix + field;
    }

    static String write(Object answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer of maps, lists and plain values is always JSON", e);
        }
    }
}
