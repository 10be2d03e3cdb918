// kubernetes: the Prometheus Operator resources are generated beside the plain files; grafana: off
def out = new File(basedir, 'monitoring')
def log = new File(basedir, 'build.log').text
def rules = new File(out, 'kubernetes/prometheus-rules.yaml').text
assert rules.contains('kind: PrometheusRule')
assert rules.contains('namespace: monitoring')
assert rules.contains('release: kube-prometheus-stack')
assert rules.contains('expr: spawn_cost_per_hour_dollars > 10')
assert rules.count('\n---\n') == 3 : 'one PrometheusRule per category'
assert new File(out, 'kubernetes/alertmanager-config.yaml').text.contains('kind: AlertmanagerConfig')
assert new File(out, 'kubernetes/scrape-config.yaml').text.contains('ec2SDConfigs:')
assert !new File(out, 'grafana').exists()
assert log.contains('26 alert rules, 1 receivers, 0 dashboards')
// what the CRDs cannot express is said, not dropped
assert log.contains('[WARNING] spawn-monitoring.yaml:5:3: warning: the operator adds the matcher namespace="monitoring"')
assert log.contains('file discovery reads targets/*.json inside the Prometheus pod')
// spawn:check finds the committed kubernetes files in line with the spec
assert log.contains('0 drifted')
return true
