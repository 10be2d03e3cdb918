def log = new File(basedir, 'build.log').text
def slurper = new groovy.json.JsonSlurper()

// the default bundle's spawn-ec2 job discovers us-east-1: i-0aaa is left to it, so no agent is scraped by both jobs
def json = slurper.parse(new File(basedir, 'monitoring/targets/spawn-instances.json'))
assert json*.labels*.instance_id == ['i-0bbb', 'laptop']
assert json[0].targets == ['10.0.0.2:9090']
assert json[0].labels == [instance_id: 'i-0bbb', region: 'eu-west-1', instance_type: 'g5.xlarge', spot: 'true']
assert log.contains('2 metrics-enabled instances')
assert log.contains('1 left to EC2 discovery (job spawn-ec2, regions us-east-1)')

// includeEc2 keeps every metrics-enabled instance
def all = slurper.parse(new File(basedir, 'monitoring-all/targets/spawn-instances.json'))
assert all*.labels*.instance_id == ['i-0aaa', 'i-0bbb', 'laptop']
assert all[0].labels == [instance_id: 'i-0aaa', region: 'us-east-1', instance_type: 't3.micro', spot: 'false']
assert log.contains('3 metrics-enabled instances')
return true
