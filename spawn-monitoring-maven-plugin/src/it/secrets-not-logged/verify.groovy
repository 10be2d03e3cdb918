def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the goals ran with -X'
assert log.contains('[ERROR] drift: alertmanager.yaml: differs from what the spec generates')
assert log.contains('smtp_auth_password: <secret: 18 chars, changed>')
assert log.contains('spawn: checked spawn-monitoring.yaml') : 'the last check ran'
['DO-NOT-LOG', 'NEVER-LOG', 'scrape-pw', 'smtp-pw', 'pd-key'].each {
    assert !log.contains(it) : "a secret value reached the log: " + it
}
// the secrets are in the generated files, as the spec asks (inline)
assert new File(basedir, 'monitoring/alertmanager.yaml').text.contains('smtp-pw-DO-NOT-LOG')
return true
