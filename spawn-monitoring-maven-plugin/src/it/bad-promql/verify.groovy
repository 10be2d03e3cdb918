def log = new File(basedir, 'build.log').text
// spawn:lint, run before the tools, finds the broken expression and places it in the spec
def expected = [
    "[ERROR] spawn-monitoring.yaml:6:45: error: promql/syntax: unclosed left parenthesis",
    "spawn:lint found errors in the monitoring definition; nothing was written",
]
expected.each { assert log.contains(it) : "build.log lacks: " + it }
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert new File(basedir, 'monitoring/prometheus.yaml').text == 'previous prometheus.yaml, must survive a failed run\n'
assert !new File(basedir, 'monitoring/alerts').exists()
return true
