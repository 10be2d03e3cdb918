def log = new File(basedir, 'build.log').text
def expected = [
    "spawn-monitoring.yaml:3:20: bad duration '30 seconds' for global.scrape_interval",
    "spawn-monitoring.yaml:5:5: illegal label name 'bad-label' in global.external_labels",
    "spawn-monitoring.yaml:8:5: unknown field 'treshold' in rules.HighCostInstance; did you mean 'threshold'?",
    "spawn-monitoring.yaml:9:3: ",
    "spawn-monitoring.yaml:16:18: warning: inline secret 'api_url' in alertmanager.receivers[0].slack",
    "spawn-monitoring.yaml:18:17: route receiver 'pagerduty-oncall' is not defined; defined receivers: spawn-webhook, slack",
]
expected.each { assert log.contains(it) : "build.log lacks: " + it }
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert new File(basedir, 'monitoring/prometheus.yaml').text == 'previous prometheus.yaml, must survive a failed run\n'
assert new File(basedir, 'monitoring/alertmanager.yaml').text == 'previous alertmanager.yaml, must survive a failed run\n'
assert !new File(basedir, 'monitoring/alerts').exists()
return true
