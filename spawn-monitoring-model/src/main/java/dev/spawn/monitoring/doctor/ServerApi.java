package dev.spawn.monitoring.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP API of a running Prometheus or Alertmanager as the doctor reads it: JSON endpoints
 * through Jackson and the {@code /metrics} text exposition, with short timeouts and never through a
 * proxy (the servers are usually on the same host). A failed request is an {@link Unanswered}
 * carrying a sentence that says why, never a stack trace.
 */
final class ServerApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** A request that got no usable answer; the message says what happened, for a finding. */
    static final class Unanswered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unanswered(String message) {
            super(message, null, false, false);
        }
    }

    private final String base;

    ServerApi(URI base) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    String url(String path) {
        return base + path;
    }

    /** The JSON answer of a GET; anything but 200 with JSON is {@link Unanswered}. */
    JsonNode json(String path) {
        String body = get(url(path));
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Unanswered("GET " + url(path) + " answered no JSON");
        }
    }

    /** The samples of {@code /metrics}: one per series, name and labels with their value. */
    List<Sample> metrics() {
        List<Sample> samples = new ArrayList<>();
        for (String line : get(url("/metrics")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample = Sample.parse(line);
                if (sample != null) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }

    /** The body of a GET of {@code url}, answered 200; otherwise {@link Unanswered} with the reason. */
    static String get(String url) {
        HttpResponse<String> response = send(url);
        if (response.statusCode() != 200) {
            throw new Unanswered("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The status code of a GET of {@code url}; {@link Unanswered} when nothing answers. */
    static int status(String url) {
        return send(url).statusCode();
    }

    private static HttpResponse<String> send(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unanswered("nothing answers at " + url + " (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new Unanswered("no answer from " + url + " within " + TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            throw new Unanswered("cannot reach " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new Unanswered("'" + url + "' is not an http(s) URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while asking " + url);
        }
    }

    /** One line of the text exposition format: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {

        static Sample parse(String line) {
            int brace = line.indexOf('{');
            int space = brace < 0 ? line.indexOf(' ') : line.indexOf(' ', line.lastIndexOf('}'));
            if (space < 0) {
                return null;
            }
            String name = line.substring(0, brace < 0 ? space : brace);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(body);
                while (m.find()) {
                    labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            String[] rest = line.substring(space + 1).trim().split("\\s+");
            try {
                return new Sample(name, labels, Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
