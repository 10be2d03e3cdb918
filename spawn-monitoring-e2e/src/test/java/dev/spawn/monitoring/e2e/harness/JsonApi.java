package dev.spawn.monitoring.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP APIs of the real processes, read as JSON through the JDK client (never through a proxy). */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String base;
    /** The Authorization header of every request (a server behind basic auth), or null. */
    private final String authorization;

    public JsonApi(String base) {
        this(base, null);
    }

    private JsonApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same API behind HTTP basic auth (a Prometheus with a web config's basic_auth_users). */
    public JsonApi withBasicAuth(String username, String password) {
        return new JsonApi(base, "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public String base() {
        return base;
    }

    /** A GET answered 200 with JSON; anything else is an exception (which {@link Poll} retries). */
    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + base + path + " -> " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base + path + " returned no JSON: " + response.body(), e);
        }
    }

    /** The status code of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET()).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    /** An empty POST; returns the response. */
    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST of a JSON body; returns the response. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
