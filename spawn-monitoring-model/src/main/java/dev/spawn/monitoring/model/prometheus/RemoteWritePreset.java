package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.SigV4Config;
import dev.spawn.monitoring.model.decl.Key;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A remote-write preset ({@code remote_write: [{preset: mimir, url: ..., tenant: ...}]}): what a receiving engine
 * we cannot run here needs of a {@code <remote_write>}, written once. A preset expands to ordinary remote_write keys
 * the user could have written by hand (its path on a URL without one, a tenant header, sigv4, basic auth by file,
 * queue settings), and keys written beside it replace the preset's ({@code headers} merge by header name).
 */
public record RemoteWritePreset(
        @Key(value = "preset", doc = "Expands to the remote_write keys this engine needs: thanos (Thanos Receive), mimir,"
                + " amp (Amazon Managed Service for Prometheus), grafana-cloud or victoriametrics; a url without a path gets"
                + " the engine's write path, and keys written beside the preset replace its own.", supplies = "url")
        Kind preset,
        @Key(value = "tenant", doc = "mimir (required): the tenant, sent as X-Scope-OrgID; thanos: the tenant, sent as"
                + " THANOS-TENANT (Thanos Receive's default --receive.tenant-header).")
        String tenant,
        @Key(value = "region", doc = "amp (required): the workspace's AWS region; requests are signed with sigv4 for it.",
                pattern = REGION, expected = "an AWS region such as us-east-1")
        String region,
        @Key(value = "workspace", doc = "amp: the workspace ID; the url is then"
                + " https://aps-workspaces.<region>.amazonaws.com/workspaces/<workspace>/api/v1/remote_write.",
                pattern = WORKSPACE, expected = "a workspace ID such as ws-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d")
        String workspace,
        @Key(value = "role_arn", doc = "amp: an IAM role to assume for signing (sigv4 role_arn).", pattern = ROLE_ARN,
                expected = "an IAM role ARN such as arn:aws:iam::123456789012:role/prometheus-remote-write")
        String roleArn,
        @Key(value = "username", doc = "grafana-cloud (required): the stack's Prometheus instance ID, the basic_auth"
                + " username.")
        String username,
        @Key(value = "password_file", doc = "grafana-cloud (required): a path Prometheus reads the access policy token"
                + " from; the token itself is refused here, so it never lands in a generated file.")
        String passwordFile) {

    static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d+";
    static final String WORKSPACE = "ws-[0-9a-zA-Z-]+";
    static final String ROLE_ARN = "arn:aws[a-z-]*:iam::\\d{12}:role/\\S+";

    /** The header Mimir (and Cortex) read the tenant from. */
    public static final String MIMIR_TENANT_HEADER = "X-Scope-OrgID";
    /** Thanos Receive's default {@code --receive.tenant-header}. */
    public static final String THANOS_TENANT_HEADER = "THANOS-TENANT";

    /** The engines with a preset, each with its write path and where its URL comes from. */
    public enum Kind {
        THANOS("thanos", "Thanos Receive", "/api/v1/receive", "http://thanos-receive.internal:19291", "tenant"),
        MIMIR("mimir", "Grafana Mimir", "/api/v1/push", "http://mimir.internal:8080", "tenant"),
        AMP("amp", "Amazon Managed Service for Prometheus", "/api/v1/remote_write", null, "region", "workspace", "role_arn"),
        GRAFANA_CLOUD("grafana-cloud", "Grafana Cloud", "/api/prom/push",
                "https://prometheus-prod-13-prod-us-east-0.grafana.net", "username", "password_file"),
        VICTORIAMETRICS("victoriametrics", "VictoriaMetrics", "/api/v1/write", "http://victoria-metrics.internal:8428");

        private final String id;
        private final String engine;
        private final String path;
        private final String exampleUrl;
        private final List<String> parameters;

        Kind(String id, String engine, String path, String exampleUrl, String... parameters) {
            this.id = id;
            this.engine = engine;
            this.path = path;
            this.exampleUrl = exampleUrl;
            this.parameters = List.of(parameters);
        }

        /** The preset's own keys beside {@code preset} and {@code url}. */
        public List<String> parameters() {
            return parameters;
        }

        public String id() {
            return id;
        }

        /** The engine's name, for messages and docs. */
        public String engine() {
            return engine;
        }

        /** The path the engine receives remote writes on, added to a url that has none. */
        public String path() {
            return path;
        }

        /** A url a user would write (amp: none, the url is made from region and workspace). */
        public String exampleUrl() {
            return exampleUrl;
        }
    }

    /** A problem with a preset's parameters: the spec key it is about and what is wrong and expected. */
    public record Issue(String key, String message) {
    }

    /** Amazon Managed Service for Prometheus' recommended queue settings for remote write. */
    static final QueueConfig AMP_QUEUE = new QueueConfig(2500, 200, null, 1000, null, null, null, null);

    public static RemoteWritePreset mimir(String tenant) {
        return new RemoteWritePreset(Kind.MIMIR, tenant, null, null, null, null, null);
    }

    /** Thanos Receive; {@code tenant} may be null (Thanos then writes to its default tenant). */
    public static RemoteWritePreset thanos(String tenant) {
        return new RemoteWritePreset(Kind.THANOS, tenant, null, null, null, null, null);
    }

    /** Amazon Managed Service for Prometheus; {@code roleArn} may be null (the SDK's default credentials then sign). */
    public static RemoteWritePreset amp(String region, String workspace, String roleArn) {
        return new RemoteWritePreset(Kind.AMP, null, region, workspace, roleArn, null, null);
    }

    public static RemoteWritePreset grafanaCloud(String username, String passwordFile) {
        return new RemoteWritePreset(Kind.GRAFANA_CLOUD, null, null, null, null, username, passwordFile);
    }

    public static RemoteWritePreset victoriaMetrics() {
        return new RemoteWritePreset(Kind.VICTORIAMETRICS, null, null, null, null, null, null);
    }

    /**
     * What is missing or wrong for this preset when the user gives {@code url} (null: none), each problem at the
     * key it is about; empty when {@link #expand} makes a working remote write.
     */
    public List<Issue> issues(String url) {
        List<Issue> issues = new ArrayList<>();
        String name = "preset " + preset.id();
        List<String> own = preset.parameters;
        for (String key : List.of("tenant", "region", "workspace", "role_arn", "username", "password_file")) {
            if (given(key) && !own.contains(key)) {
                issues.add(new Issue(key, "'" + key + "' is not a parameter of " + name + (own.isEmpty()
                        ? "; expected only url beside it" : "; expected " + String.join(", ", own))));
            }
        }
        if (url == null && preset != Kind.AMP) {
            issues.add(new Issue("url", "missing field 'url' for " + name + "; expected the " + preset.engine + " URL, such as "
                    + preset.exampleUrl + " (the preset adds " + preset.path + " to a url without a path)"));
        }
        switch (preset) {
            case MIMIR -> {
                if (tenant == null) {
                    issues.add(new Issue("tenant", "missing field 'tenant' for " + name + "; expected the Mimir tenant ID,"
                            + " sent as " + MIMIR_TENANT_HEADER + " (Mimir refuses writes without it unless multi-tenancy is"
                            + " off)"));
                }
            }
            case AMP -> {
                if (region == null) {
                    issues.add(new Issue("region", "missing field 'region' for " + name + "; expected the workspace's AWS"
                            + " region, such as us-east-1 (sigv4 signs for it)"));
                }
                if (workspace == null && url == null) {
                    issues.add(new Issue("workspace", "missing field 'workspace' for " + name + "; expected the workspace"
                            + " ID (ws-...), or a url"));
                }
            }
            case GRAFANA_CLOUD -> {
                if (username == null) {
                    issues.add(new Issue("username", "missing field 'username' for " + name + "; expected the stack's"
                            + " Prometheus instance ID (a number, shown beside the remote-write URL)"));
                }
                if (passwordFile == null) {
                    issues.add(new Issue("password_file", "missing field 'password_file' for " + name + "; expected a path"
                            + " Prometheus reads the access policy token from"));
                }
            }
            default -> {
            }
        }
        return issues;
    }

    private boolean given(String key) {
        return switch (key) {
            case "tenant" -> tenant != null;
            case "region" -> region != null;
            case "workspace" -> workspace != null;
            case "role_arn" -> roleArn != null;
            case "username" -> username != null;
            case "password_file" -> passwordFile != null;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** The url this preset sends to: {@code url} with the engine's path when it has none; amp's own without one. */
    public String url(String url) {
        if (url == null) {
            return preset == Kind.AMP && region != null && workspace != null
                    ? "https://aps-workspaces." + region + ".amazonaws.com/workspaces/" + workspace + preset.path : null;
        }
        String path = path(url);
        if (path == null || !(path.isEmpty() || path.equals("/"))) {
            return url;
        }
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + preset.path;
    }

    /**
     * A warning when {@code url} has a path other than the engine's (a Mimir preset pointed at /api/v1/write, say);
     * empty when it has the engine's path or none. A proxy in between may have its own, hence not an error.
     */
    public java.util.Optional<String> pathWarning(String url) {
        String path = url == null ? null : path(url);
        if (path == null || path.isEmpty() || path.equals("/") || path.endsWith(preset.path)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("url path '" + path + "' is not where " + preset.engine + " receives remote writes;"
                + " expected a path ending in " + preset.path + ", or none (preset " + preset.id + " adds it)");
    }

    private static String path(String url) {
        try {
            return URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return null; // the validator names a bad url
        }
    }

    /**
     * The remote write this preset stands for, sending to {@link #url(String) url(url)}, as a builder on which the
     * caller's own settings replace the preset's. Throws when {@link #issues} has any.
     */
    public RemoteWrite.Builder builder(String url) {
        List<Issue> issues = issues(url);
        if (!issues.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", issues.stream().map(Issue::message).toList()));
        }
        return expand(url);
    }

    /** The expansion without the checks of {@link #builder}: each parameter given goes where it belongs. */
    public RemoteWrite.Builder expand(String url) {
        String target = url(url);
        RemoteWrite.Builder b = RemoteWrite.builder(target == null ? preset.path : target);
        switch (preset) {
            case MIMIR -> {
                if (tenant != null) {
                    b.header(MIMIR_TENANT_HEADER, tenant);
                }
            }
            case THANOS -> {
                if (tenant != null) {
                    b.header(THANOS_TENANT_HEADER, tenant);
                }
            }
            case AMP -> b.sigv4(new SigV4Config(region, null, null, null, roleArn)).queueConfig(AMP_QUEUE);
            case GRAFANA_CLOUD -> b.http(HttpClientConfig.builder().basicAuth(new BasicAuth(
                    username == null ? "" : username, passwordFile == null ? null : Secret.file(passwordFile))).build());
            case VICTORIAMETRICS -> {
            }
        }
        return b;
    }
}
