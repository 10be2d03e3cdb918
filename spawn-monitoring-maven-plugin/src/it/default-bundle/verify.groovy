def out = new File(basedir, 'monitoring')
def log = new File(basedir, 'build.log').text
assert new File(out, 'prometheus.yaml').text.contains('job_name: spawn-ec2')
assert new File(out, 'alertmanager.yaml').text.contains('spawn-webhook')
assert log.contains('26 alert rules, 1 receivers')
assert log.contains('promtool check config prometheus.yaml: passed')
return true
