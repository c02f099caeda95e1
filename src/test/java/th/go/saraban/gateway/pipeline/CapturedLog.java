package th.go.saraban.gateway.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Everything the gateway logs while a test runs, as an operator would read it. */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog() {
        super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    public static CapturedLog capture() {
        CapturedLog log = new CapturedLog();
        log.start0();
        return log;
    }

    private void start0() {
        start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(this, null, null);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                + event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
