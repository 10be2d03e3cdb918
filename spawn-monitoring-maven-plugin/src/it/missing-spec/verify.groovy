def log = new File(basedir, 'build.log').text
def expected = 'spawn-monitorng.yaml: the spec file does not exist; expected an existing file where the spec path was set'
assert log.contains(expected) : "build.log lacks: " + expected
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert new File(basedir, 'monitoring/prometheus.yaml').text == 'previous prometheus.yaml, must survive a failed run\n'
assert !new File(basedir, 'monitoring/alertmanager.yaml').exists()
return true
