def log = new File(basedir, 'build.log').text
def expected = 'bad.json:3:3: instances[1]: a metrics-enabled instance needs instance_id and private_ip'
assert log.contains(expected) : "build.log lacks: " + expected
assert log.contains('1 problem in the inventory bad.json; no targets were written')
assert !log.contains('monitoring definition') : 'an inventory failure is not a problem in the monitoring definition'
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
assert !new File(basedir, 'monitoring/targets/spawn-instances.json').exists()
return true
