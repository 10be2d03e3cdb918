package dev.spawn.monitoring.e2e.harness;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Addresses on 127.0.0.1 only: nothing in these tests listens on or talks to anything else. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /**
     * Ports for processes that must be told theirs before they start are taken below Linux's
     * ephemeral range (32768-60999): a port the kernel handed out would be free again a moment
     * later, and the source port of any outgoing connection (a scrape, a webhook call) could take it
     * before the process binds it. Alertmanager gossips over TCP and UDP, so both must be free.
     */
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A loopback port free for TCP and UDP a moment ago and not handed out before in this JVM. */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(FIRST_PORT, LAST_PORT);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + FIRST_PORT + " and " + LAST_PORT);
    }

    private static boolean bindable(int port) {
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST));
                java.net.DatagramSocket udp = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port))) {
            return tcp.getLocalPort() == port && udp.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    public static String address(int port) {
        return HOST + ":" + port;
    }

    /** An in-JVM HTTP server on a loopback port chosen by the kernel, serving {@code handler} at {@code /}. */
    public static HttpServer serve(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback HTTP server", e);
        }
    }
}
