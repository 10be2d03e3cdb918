package dev.spawn.monitoring.promql.eval;

/**
 * Go 1.19's net.SplitHostPort, JoinHostPort and ParseIP (whether a string is an IP), for Prometheus' stripPort and
 * stripDomain template functions.
 */
final class GoNet {

    private record HostPort(String host, String port) {
    }

    private GoNet() {
    }

    static String stripPort(String hostPort) {
        HostPort hp = split(hostPort);
        return hp == null ? hostPort : hp.host();
    }

    static String stripDomain(String hostPort) {
        HostPort hp = split(hostPort);
        String host = hp == null ? hostPort : hp.host();
        String port = hp == null ? "" : hp.port();
        if (isIp(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        host = dot < 0 ? host : host.substring(0, dot);
        if (!port.isEmpty()) {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        return host;
    }

    /** net.SplitHostPort, null on error. */
    private static HostPort split(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) {
            return null;
        }
        String host;
        int j = 0;
        int k = 0;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0 || end + 1 != i) {
                return null;
            }
            host = hostPort.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hostPort.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (hostPort.indexOf('[', j) >= 0 || hostPort.indexOf(']', k) >= 0) {
            return null;
        }
        return new HostPort(host, hostPort.substring(i + 1));
    }

    /** Whether net.ParseIP accepts s. */
    static boolean isIp(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                return ipv4(s);
            }
            if (s.charAt(i) == ':') {
                return ipv6(s);
            }
        }
        return false;
    }

    private static boolean ipv4(String s) {
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= s.length()) {
                return false;
            }
            if (i > 0) {
                if (s.charAt(pos) != '.') {
                    return false;
                }
                pos++;
            }
            int start = pos;
            int n = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9' && n < 0xFFFFFF) {
                n = n * 10 + s.charAt(pos) - '0';
                pos++;
            }
            if (pos == start || n > 0xFF || (pos - start > 1 && s.charAt(start) == '0')) {
                return false;
            }
        }
        return pos == s.length();
    }

    private static boolean ipv6(String s) {
        int ellipsis = -1;
        int pos = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            pos = 2;
            if (pos == s.length()) {
                return true;
            }
        }
        int i = 0;
        while (i < 16) {
            int start = pos;
            int n = 0;
            while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0 && s.charAt(pos) < 128 && n < 0xFFFFFF) {
                n = n * 16 + Character.digit(s.charAt(pos), 16);
                pos++;
            }
            if (pos == start || n > 0xFFFF) {
                return false;
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                if ((ellipsis < 0 && i != 12) || i + 4 > 16 || !ipv4(s.substring(start))) {
                    return false;
                }
                pos = s.length();
                i += 4;
                break;
            }
            i += 2;
            if (pos == s.length()) {
                break;
            }
            if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
                return false;
            }
            pos++;
            if (s.charAt(pos) == ':') {
                if (ellipsis >= 0) {
                    return false;
                }
                ellipsis = i;
                pos++;
                if (pos == s.length()) {
                    break;
                }
            }
        }
        if (pos != s.length()) {
            return false;
        }
        return i < 16 ? ellipsis >= 0 : ellipsis < 0;
    }
}
