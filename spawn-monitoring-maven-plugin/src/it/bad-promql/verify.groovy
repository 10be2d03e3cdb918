def log = new File(basedir, 'build.log').text
def expected = "[ERROR] spawn-monitoring.yaml:6:13: custom rule 'CpuRising': promtool: could not parse expression: 1:33: parse error: unclosed left parenthesis"
assert log.contains(expected) : "build.log lacks: " + expected
assert log.contains('the generated bundle was rejected by the Prometheus tools; nothing was written')
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert new File(basedir, 'monitoring/prometheus.yaml').text == 'previous prometheus.yaml, must survive a failed run\n'
assert !new File(basedir, 'monitoring/alerts').exists()
return true
