package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The row that makes register numbers gapless: read under a row lock and written back in the same
 * transaction as the entries it numbers. Numbers restart at 1 for each Buddhist-Era year.
 */
public final class RegisterCounter {

    public static final String INCOMING = "incoming";
    public static final String OUTGOING = "outgoing";

    private RegisterCounter() {
    }

    public static int lockAndRead(Connection db, String mailbox, String kind, int year) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO register_counter (mailbox, register_kind,"
                + " register_year, last_no) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
            insert.setString(1, mailbox);
            insert.setString(2, kind);
            insert.setInt(3, year);
            insert.executeUpdate();
        }
        try (PreparedStatement select = db.prepareStatement("SELECT last_no FROM register_counter"
                + " WHERE mailbox = ? AND register_kind = ? AND register_year = ? FOR UPDATE")) {
            select.setString(1, mailbox);
            select.setString(2, kind);
            select.setInt(3, year);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    public static void store(Connection db, String mailbox, String kind, int year, int lastNo) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE register_counter SET last_no = ?"
                + " WHERE mailbox = ? AND register_kind = ? AND register_year = ?")) {
            update.setInt(1, lastNo);
            update.setString(2, mailbox);
            update.setString(3, kind);
            update.setInt(4, year);
            update.executeUpdate();
        }
    }
}
