def log = new File(basedir, 'build.log').text
def expected = [
        'bad.json:3:3: instances[1]: a metrics-enabled instance needs instance_id and private_ip',
        'bad.json:4:97: instances[2]: metrics_enabled is the string "yes"; expected true or false',
        "bad.json:5:66: instances[3]: private_ip '999.0.0.4' is not an IP address",
]
expected.each { assert log.contains(it) : "build.log lacks: " + it }
assert log.contains('3 problems in the inventory bad.json; no targets were written')
assert !log.contains('monitoring definition') : 'an inventory failure is not a problem in the monitoring definition'
assert !log.contains('at dev.spawn') : 'a user mistake must not print a stack trace'
// the previous targets stay as they were
assert new File(basedir, 'monitoring/targets/spawn-instances.json').text == '[ ]\n'
return true
