package th.go.saraban.gateway.bootstrap;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connection limits for the register database. A half-open connection after a network partition
 * would otherwise hold the mailbox row lock for hours and stop every check on every node (the
 * database side of RELIABILITY #9).
 */
final class DatabaseConnections {

    private DatabaseConnections() {
    }

    static PGSimpleDataSource to(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setConnectTimeout(10);
        // a batch of 32 MB is written in seconds; five minutes of silence is a dead connection
        dataSource.setSocketTimeout(300);
        dataSource.setOptions("-c lock_timeout=120s -c idle_in_transaction_session_timeout=10min");
        return dataSource;
    }
}
