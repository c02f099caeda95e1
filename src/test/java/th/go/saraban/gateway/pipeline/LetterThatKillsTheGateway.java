package th.go.saraban.gateway.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.camel.main.Main;
import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.register.LetterIntake;

/**
 * The gateway in a process of its own, whose reader ends the process on the spot (no shutdown hook,
 * no finally) when it meets a letter marked {@code X-Test-Fault: kill}: what an out-of-memory kill
 * or SIGKILL does in the middle of reading one letter.
 */
public final class LetterThatKillsTheGateway {

    static final int EXIT_CODE = 137;

    private LetterThatKillsTheGateway() {
    }

    public static void main(String[] args) throws Exception {
        LetterReader real = new LetterReader(th.go.saraban.gateway.mail.ReadLimits.DEFAULTS);
        Main main = GatewayMain.create();
        main.bind("letterReader", (LetterIntake.Reader) raw -> {
            if (new String(raw, 0, Math.min(raw.length, 20), StandardCharsets.ISO_8859_1)
                    .startsWith("X-Test-Fault: kill")) {
                Runtime.getRuntime().halt(EXIT_CODE);
            }
            return real.read(raw);
        });
        System.exit(main.run(args));
    }
}
