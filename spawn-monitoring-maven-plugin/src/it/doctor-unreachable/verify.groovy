def log = new File(basedir, 'build.log').text
def expected = [
    'http://127.0.0.1:1/-/ready: Prometheus is not ready: nothing answers at http://127.0.0.1:1/-/ready (connection refused)',
    'http://127.0.0.1:1/-/ready: Alertmanager is not ready: nothing answers at http://127.0.0.1:1/-/ready (connection refused)',
    'spawn: doctor: 2 findings, 2 errors',
    '2 errors found on the live servers (see the findings above)',
]
expected.each { assert log.contains(it) : "build.log lacks: " + it }
assert !log.contains('at dev.spawn') : 'findings are not stack traces'
return true
