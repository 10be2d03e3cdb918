def targets = new File(basedir, 'monitoring/targets/spawn-instances.json')
assert targets.exists()
def json = new groovy.json.JsonSlurper().parse(targets)
assert json.size() == 2
assert json[0].targets == ['10.0.0.1:9090']
assert json[0].labels == [instance_id: 'i-0aaa', region: 'us-east-1', instance_type: 't3.micro', spot: 'false']
assert json[1].labels.spot == 'true'
assert new File(basedir, 'build.log').text.contains('2 metrics-enabled instances')
return true
