package th.go.saraban.gateway.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Saraban-Signature}: {@code sha256=} and the lowercase hex HMAC-SHA256 of the exact body
 * bytes, keyed with {@code saraban.push.secret} (as GitHub signs its webhooks), so the receiver knows
 * the push came from the gateway and was not changed on the way.
 */
public final class PushSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PushSignature(String secret) {
        this.key = new SecretKeySpec(secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8),
                ALGORITHM);
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "PushSignature[HmacSHA256]";
    }
}
