package dev.spawn.monitoring.e2e.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands on loopback where an engine we cannot run here would (Mimir's {@code /api/v1/push}, Thanos Receive's
 * {@code /api/v1/receive}, ...): records each remote-write request's path and headers, and forwards it unchanged to
 * the receiving Prometheus given for that path, answering with that server's answer. So a test sees the tenant
 * header or signature a preset makes Prometheus send, and that the samples arrive.
 */
public final class RemoteWriteGateway implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Headers of the remote-write protocol and of authentication, forwarded as they came. */
    private static final List<String> FORWARDED = List.of("Content-Encoding", "Content-Type", "X-Prometheus-Remote-Write-Version",
            "User-Agent", "Authorization", "X-Scope-OrgID", "THANOS-TENANT", "X-Amz-Date", "X-Amz-Content-Sha256");

    /** One request: its path, its headers (names in lower case) and the status the receiver answered. */
    public record Request(String path, Map<String, String> headers, int status) {
    }

    private final Map<String, String> upstreams;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RemoteWriteGateway(Map<String, String> upstreams) {
        this.upstreams = Map.copyOf(upstreams);
        this.server = Loopback.serve(this::handle);
    }

    /** A gateway forwarding each path of {@code upstreams} to its URL (a receiver's {@code /api/v1/write}). */
    public static RemoteWriteGateway start(Map<String, String> upstreams) {
        return new RemoteWriteGateway(upstreams);
    }

    /** The base URL, without a path: what a preset's url is given. */
    public String url() {
        return "http://" + Loopback.address(server.getAddress().getPort());
    }

    /** The requests on {@code path} so far. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String upstream = upstreams.get(path);
            if (upstream == null || !exchange.getRequestMethod().equals("POST")) {
                requests.add(new Request(path, headers, 404));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream)).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED) {
                String value = headers.get(name.toLowerCase(Locale.ROOT));
                if (value != null && !name.equals("User-Agent")) {
                    forward.header(name, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = CLIENT.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            requests.add(new Request(path, headers, answer.statusCode()));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What the gateway saw, for a failure report. */
    public String describe() {
        Map<String, Long> byPath = new TreeMap<>();
        requests.forEach(r -> byPath.merge(r.path() + " -> " + r.status(), 1L, Long::sum));
        return "remote-write gateway " + url() + ": " + byPath;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
