def log = new File(basedir, 'build.log').text
def spec = new File(basedir, 'src/main/monitoring/spawn-monitoring.yaml').text
def out = new File(basedir, 'monitoring')

// the spec says only what differs from the defaults, in the declarations' shape
assert spec.startsWith('# Imported by spawn:import from prometheus.yml')
assert spec.contains('apiVersion: spawn.dev/v1')
assert spec.contains('global:\n  scrape_interval: 30s\n')
assert !spec.contains('job_name: prometheus')
assert spec.contains('  - job_name: node\n')
assert spec.contains('password: hunter2')           // inline secrets stay, with a warning
assert spec.contains('  - enabled: false\n    job_name: spawn-ec2\n')
assert spec.contains('X-Scope-OrgID: spawn')
assert spec.contains('  HighCostInstance:\n    threshold: 10.0\n')
assert spec.contains('    - name: NodeDown\n')
// alertmanager.yml: the changed tree, the user's receivers (spawn's webhook as spawn writes it is left out), the
// replaced inhibitions, the time interval; match converted to matchers; the inline routing key stays
assert spec.contains('alertmanager:\n  global:\n    slack_api_url_file: /etc/alertmanager/slack-url\n  route:\n    receiver: spawn-webhook\n')
assert spec.contains('          - severity="critical"\n')
assert !spec.contains('match:')
assert spec.contains('    - name: pager\n') && spec.contains('    - name: slack-cost\n')
assert !spec.contains('- name: spawn-webhook')
assert spec.contains('routing_key: pd-key-do-not-log')
assert spec.contains('  inhibit_rules:\n') && spec.contains('  time_intervals:\n    - name: weekend\n')

// each note one per line at file:line:col, never the secret itself
assert log =~ /\[WARNING\] \S*original\/prometheus\.yml:23:17: warning: inline secret 'password' in scrape_configs\[2\]\.basic_auth/
// recording rules are carried under rules.groups, with their group
assert spec.contains('  groups:\n') && spec.contains('        - record: fleet:cost_per_hour:sum\n')
assert !(log =~ /recording rule 'fleet:cost_per_hour:sum' cannot be carried/)
assert log =~ /\[WARNING\] \S*original\/rules\/cost\.yml:11:9: warning: alert 'NodeDown' is kept as your own rule/
assert log =~ /\[WARNING\] \S*original\/prometheus\.yml:9:1: warning: 25 default rules are not in the rule files and switched off/
assert log =~ /\[WARNING\] \S*original\/alertmanager\.yml:16:7: warning: deprecated 'match' in route\.routes\[0\]: converted to matchers/
assert log =~ /\[WARNING\] \S*original\/alertmanager\.yml:32:22: warning: inline secret 'routing_key'/
assert !(log =~ /\[(INFO|WARNING|ERROR)\].*hunter2/)
assert !(log =~ /\[(INFO|WARNING|ERROR)\].*pd-key-do-not-log/)
assert log.contains('spawn: imported ')

// the second import refuses to overwrite, the forced one replaces
assert log =~ /spawn-monitoring\.yaml already exists; spawn:import does not overwrite a spec \(-Dspawn\.force=true replaces it\)/

// the imported spec generates and checks
assert new File(out, 'alerts/cost-alerts.yaml').text.contains('expr: spawn_cost_per_hour_dollars > 10')
assert new File(out, 'alerts/custom-alerts.yaml').text.contains('alert: NodeDown')
assert new File(out, 'alerts/groups.yaml').text.contains('- record: fleet:cost_per_hour:sum')
assert new File(out, 'prometheus.yaml').text.contains('job_name: node')
def am = new File(out, 'alertmanager.yaml').text
assert am.contains('- name: pager') && am.contains('- name: slack-cost') && am.contains('- weekend')
// the refused import is one clear line, never a stack trace
assert !(log =~ /(?m)^\s+at [a-z]+\./)
return true
