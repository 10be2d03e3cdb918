def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] drift: prometheus.yaml: differs from what the spec generates')
assert log.contains('--- committed/prometheus.yaml')
assert log.contains('+++ generated/prometheus.yaml')
assert log.contains('-# edited by hand')
assert log.contains('[ERROR] drift: alertmanager.yaml: missing')
assert log.contains("run 'mvn spawn:generate' and commit the result")
assert new File(basedir, 'monitoring/prometheus.yaml').text.startsWith('# edited by hand') : 'check must write nothing'
return true
