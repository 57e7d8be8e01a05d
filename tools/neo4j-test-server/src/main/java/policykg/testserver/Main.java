package policykg.testserver;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs an embedded Neo4j Community server with Bolt on 127.0.0.1 and a free port,
 * in a temporary directory, until standard input closes or the process is stopped.
 * Authentication is on, as on a team server: user "neo4j" has the password given as the
 * second argument, and user "expired" (password "expired-password") must change its password.
 * Prints one line "READY bolt://127.0.0.1:PORT" once it accepts connections.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        Path home = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("policykg-neo4j");
        String password = args.length > 1 ? args[1] : "policykg-test-password";
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .build();
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", java.util.Map.of("password", password));
        system.executeTransactionally("CREATE USER expired SET PASSWORD 'expired-password' CHANGE REQUIRED");
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        while (System.in.read() != -1) {
            // Keep running until the parent closes our standard input.
        }
        dbms.shutdown();
        System.exit(0);
    }
}
