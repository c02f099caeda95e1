package th.go.saraban.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A bytea value read in slices of {@value #SLICE} bytes, each in its own short query. pgjdbc holds a
 * whole bytea value in memory when it reads one, and a download held open on one connection would
 * keep it from the pool for as long as the client reads; slices keep both bounded (a 50 MB letter
 * costs 1 MB of heap at a time and no connection between slices).
 */
final class ByteaStream extends InputStream {

    static final int SLICE = 1024 * 1024;

    private final DataSource dataSource;
    /** {@code SELECT substring(<column> FROM ? FOR ?) FROM ... WHERE <key> = ? [AND <key> = ?]} */
    private final String sliceQuery;
    private final long[] key;
    private final long length;
    private long position;
    private byte[] slice = new byte[0];
    private int inSlice;

    ByteaStream(DataSource dataSource, String sliceQuery, long length, long... key) {
        this.dataSource = dataSource;
        this.sliceQuery = sliceQuery;
        this.length = length;
        this.key = key;
    }

    /** Reads the first slice now, so that a database failure is the route's to answer, not the writer's. */
    ByteaStream opened() throws SQLException {
        try {
            fill();
        } catch (IOException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
        return this;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return slice[inSlice++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, slice.length - inSlice);
        System.arraycopy(slice, inSlice, target, offset, n);
        inSlice += n;
        return n;
    }

    @Override
    public int available() {
        return slice.length - inSlice;
    }

    private boolean fill() throws IOException {
        if (inSlice < slice.length) {
            return true;
        }
        if (position >= length) {
            return false;
        }
        int want = (int) Math.min(SLICE, length - position);
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(sliceQuery)) {
            // SQL substring counts from 1
            select.setInt(1, Math.toIntExact(position + 1));
            select.setInt(2, want);
            for (int i = 0; i < key.length; i++) {
                select.setLong(3 + i, key[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                byte[] bytes = row.next() ? row.getBytes(1) : null;
                if (bytes == null || bytes.length == 0) {
                    throw new IOException("the stored content ended at byte " + position + " of " + length);
                }
                slice = bytes;
                inSlice = 0;
                position += bytes.length;
                return true;
            }
        } catch (SQLException e) {
            throw new IOException("reading bytes " + position + ".. from the register failed: " + e.getMessage(), e);
        }
    }
}
