def log = new File(basedir, 'build.log').text
assert new File(basedir, 'monitoring/prometheus.yaml').exists()
assert new File(basedir, 'monitoring/.spawn-monitoring-fingerprint').exists()
// first run writes, second run finds nothing to do
assert log.contains('26 alert rules')
assert log.contains('is up to date with defaults')
return true
