package io.agenthub.api.outbox;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Debezium's source offsets kept in the database they describe ({@code outbox_offsets}), so they can never outlive
 * it or be lost apart from it — an offset file or topic that survives a reset database makes the engine fail.
 * Configured through the engine properties {@value #URL}, {@value #USER}, {@value #PASSWORD} and {@value #RELAY}.
 */
public class JdbcOffsetStore extends MemoryOffsetBackingStore {

    static final String URL = "agenthub.offsets.jdbc.url";
    static final String USER = "agenthub.offsets.jdbc.user";
    static final String PASSWORD = "agenthub.offsets.jdbc.password";
    static final String RELAY = "agenthub.offsets.relay";

    private String url;
    private String user;
    private String password;
    private String relay;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> settings = config.originalsStrings();
        url = settings.get(URL);
        user = settings.get(USER);
        password = settings.getOrDefault(PASSWORD, "");
        relay = settings.get(RELAY);
        if (url == null || relay == null) {
            throw new IllegalStateException(URL + " and " + RELAY + " must be set for " + getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement select = c.prepareStatement("SELECT offset_key, offset_val FROM outbox_offsets WHERE relay = ?")) {
            select.setString(1, relay);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byte[] value = rs.getBytes(2);
                    data.put(ByteBuffer.wrap(rs.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox relay's offsets: " + e.getMessage(), e);
        }
    }

    @Override
    protected void save() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO outbox_offsets (relay, offset_key, offset_val) VALUES (?, ?, ?)
                    ON CONFLICT (relay, offset_key) DO UPDATE SET offset_val = EXCLUDED.offset_val""")) {
                for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                    upsert.setString(1, relay);
                    upsert.setBytes(2, Utils.toArray(entry.getKey()));
                    upsert.setBytes(3, entry.getValue() == null ? null : Utils.toArray(entry.getValue()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the outbox relay's offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
