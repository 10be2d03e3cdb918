def log = new File(basedir, 'build.log').text
def expected = [
    // 1 and 4: the spec's bundle, each finding where the spec wrote what it is about
    "[ERROR] spawn-monitoring.yaml:4:3: error: template/label: label gpu of HighCPUUsage reads \$labels.gpu_index, which the expression's output never carries",
    "[ERROR] spawn-monitoring.yaml:8:17: error: metric/unknown: spawn_cpu_usage_percnt is not in the metric catalog, so the selector matches nothing; did you mean 'spawn_cpu_usage_percent'?",
    "[ERROR] spawn-monitoring.yaml:13:13: error: template/label: annotation description of FleetCost reads \$labels.instance_id, which the expression's output never carries",
    "[ERROR] spawn-monitoring.yaml:25:17: error: labels/route: route matcher instance_id=~\"i-.+\" needs the label instance_id, which none of the alerts it is meant for (FleetCost) can carry, so it never matches",
    "[ERROR] spawn-monitoring.yaml:7:13: error: template/label: annotation description of FleetCpuHigh reads \$labels.instance_id, which the expression's output never carries, so it renders empty; it carries no labels",
    "[ERROR] lint: 5 errors, 0 warnings",
    // 2: the team's rule files
    "[WARNING] rules/team.yaml:5:37: warning: counter/raw: the counter spawn_network_bytes_total is compared as a raw value",
    "[WARNING] lint: 0 errors, 1 warning",
    // 3: with their routing
    "[ERROR] rules/alertmanager.yml:5:18: error: labels/route: alertname=\"NetworkByte\" matches no alert of these rules, so the route never receives one; did you mean 'NetworkBytes'?",
    "[ERROR] lint: 1 error, 1 warning",
    "spawn:lint found errors in the monitoring definition; nothing was written",
]
expected.each { assert log.contains(it) : "build.log lacks: " + it }
assert !log.contains('alert/always-fires') : 'the Watchdog rule ignores alert/always-fires'
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert !new File(basedir, 'monitoring').exists() : 'generate must write nothing when lint finds errors'
return true
