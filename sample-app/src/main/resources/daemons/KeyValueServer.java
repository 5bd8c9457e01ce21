import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny in-memory key-value server, the daemon the sample app manages. A single-file source program: run it with
 * {@code java KeyValueServer.java --port 7379}. It stays in the foreground, logs to standard output and listens on
 * the loopback interface only.
 *
 * <p>The protocol is one line per request, one line per answer (UTF-8):
 * <pre>
 * PING              → PONG
 * SET key value...  → OK          (the value is the rest of the line)
 * GET key           → VALUE value | NOT_FOUND
 * anything else     → ERROR message
 * </pre>
 */
public class KeyValueServer {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = port(args);
        ExecutorService connections = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> log("stopping")));
            log("listening on " + server.getLocalSocketAddress() + ", pid " + ProcessHandle.current().pid());
            KeyValueServer store = new KeyValueServer();
            while (true) {
                Socket client = server.accept();
                connections.execute(() -> store.serve(client));
            }
        }
    }

    private static int port(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        System.err.println("usage: java KeyValueServer.java --port <port>");
        System.exit(2);
        throw new AssertionError();
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(answer(line));
            }
        } catch (IOException e) {
            log("connection from " + client.getRemoteSocketAddress() + " failed: " + e);
        }
    }

    private String answer(String line) {
        String[] words = line.split(" ", 3);
        switch (words[0]) {
            case "PING":
                return "PONG";
            case "GET":
                if (words.length != 2 || words[1].isEmpty()) {
                    return "ERROR usage: GET key";
                }
                String value = values.get(words[1]);
                return value == null ? "NOT_FOUND" : "VALUE " + value;
            case "SET":
                if (words.length != 3 || words[1].isEmpty()) {
                    return "ERROR usage: SET key value";
                }
                values.put(words[1], words[2]);
                return "OK";
            default:
                return "ERROR unknown command; use PING, GET or SET";
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " KeyValueServer: " + message);
    }
}
