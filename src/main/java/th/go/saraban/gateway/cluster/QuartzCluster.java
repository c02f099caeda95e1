package th.go.saraban.gateway.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox checks' schedule, shared by every gateway node through Quartz's clustered JDBC job
 * store in the register database (tables: Flyway V12). All nodes use one scheduler name, so they
 * share one set of triggers; each fire is acquired by exactly one node under Quartz's row lock; a
 * mailbox's job is stateful, so its checks never overlap across nodes; a node that stops checking in
 * for its check-in interval plus Quartz's 7.5 s grace is declared dead by the next node to check in,
 * which releases its blocked triggers and runs what it missed. A cron misfire fires once, not once
 * per missed time (camel-quartz builds cron triggers with "fire once now").
 *
 * <p>A node with {@code saraban.check.enabled=false} must never take a fire from the cluster (its
 * schedule routes are stopped, so the fire would be lost): it gets a private in-memory scheduler
 * for its own daily jobs instead, which never touches the tables.
 */
public final class QuartzCluster {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzCluster.class);

    /** The scheduler name every node shares; the Quartz tables are keyed by it. */
    public static final String SCHEDULER_NAME = "saraban-gateway";

    /** The trigger and job group of the mailbox checks: one job named after each mailbox. */
    public static final String MAILBOX_GROUP = "saraban-mailbox";

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private QuartzCluster() {
    }

    /**
     * Gives camel-quartz its scheduler settings. Must run before the first quartz endpoint starts.
     *
     * @param mailboxNames the configured mailboxes; stored jobs of any other mailbox are deleted once
     *                     the scheduler runs (a removed mailbox leaves no trigger behind)
     */
    public static void configure(CamelContext context, DataSource dataSource, ClusterSettings settings,
                                 Collection<String> mailboxNames) throws Exception {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setPrefixInstanceName(false);
        Map<String, Object> properties = new HashMap<>();
        properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.put("org.quartz.threadPool.threadCount", Integer.toString(settings.parallelChecks()));
        // fixed per node: a node restarted after a crash finds its own earlier record at its first check-in
        // and recovers what it left at once, instead of waiting to be declared dead by another node
        properties.put("org.quartz.scheduler.instanceId", settings.node());
        int number = CONTEXTS.incrementAndGet();
        if (!settings.clustered()) {
            // one JVM may hold several gateways (tests): a private name keeps their schedulers apart
            properties.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME + "-local-" + number);
            properties.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            quartz.setProperties(properties);
            LOG.info("Scheduled mailbox checks are off on this node (saraban.check.enabled=false): it takes no"
                    + " check from the cluster");
            return;
        }
        String connections = "saraban-" + number;
        QuartzConnections pool = new QuartzConnections(dataSource, settings.parallelChecks());
        DBConnectionManager.getInstance().addConnectionProvider(connections, pool);
        context.addService(pool, true, true);
        properties.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put("org.quartz.jobStore.dataSource", connections);
        properties.put("org.quartz.jobStore.isClustered", "true");
        properties.put("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.checkinInterval().toMillis()));
        // several due triggers taken in one locked round trip: all mailboxes share one cron minute
        properties.put("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
                Integer.toString(settings.parallelChecks()));
        properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        quartz.setProperties(properties);
        context.addStartupListener(new RemovedMailboxes(quartz, Set.copyOf(mailboxNames)));
        LOG.info("Mailbox checks scheduled by the Quartz cluster '{}' in the register database as node {}:"
                + " up to {} checks at once, check-in every {} s", SCHEDULER_NAME, settings.node(),
                settings.parallelChecks(), settings.checkinInterval().toSeconds());
    }

    /** Deletes the stored job and trigger of every mailbox no longer configured, once Quartz runs. */
    private record RemovedMailboxes(QuartzComponent quartz, Set<String> configured) implements ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // the scheduler is started after this: see onCamelContextFullyStarted
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws SchedulerException {
            Scheduler scheduler = quartz.getScheduler();
            if (scheduler == null) {
                return;
            }
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(MAILBOX_GROUP))) {
                if (!configured.contains(job.getName())) {
                    scheduler.deleteJob(job);
                    LOG.info("Deleted the stored schedule of mailbox '{}': it is no longer in saraban.mailboxes",
                            job.getName());
                }
            }
        }
    }

    /**
     * Quartz's own small pool over the register database. When the gateway's DataSource is already a
     * pool it is used as it is; otherwise a few pooled connections are made from it, so that the
     * cluster's check-ins and trigger acquisitions do not open a new PostgreSQL session each time.
     */
    private static final class QuartzConnections extends ServiceSupport implements ConnectionProvider {

        private final DataSource dataSource;
        private final HikariDataSource own;

        QuartzConnections(DataSource dataSource, int parallelChecks) {
            if (dataSource instanceof HikariDataSource) {
                this.dataSource = dataSource;
                this.own = null;
            } else {
                HikariConfig config = new HikariConfig();
                config.setDataSource(dataSource);
                config.setPoolName("quartz");
                // the acquiring thread, the cluster manager, the misfire handler, and each finishing job
                config.setMaximumPoolSize(parallelChecks + 3);
                config.setMinimumIdle(2);
                this.own = new HikariDataSource(config);
                this.dataSource = own;
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void initialize() {
            // ready from construction
        }

        @Override
        public void shutdown() {
            // closed with the CamelContext (doStop), after the scheduler
        }

        @Override
        protected void doStop() {
            if (own != null) {
                own.close();
            }
        }
    }
}
