def out = new File(basedir, 'monitoring')
def log = new File(basedir, 'build.log').text
def prometheus = new File(out, 'prometheus.yaml').text
def alertmanager = new File(out, 'alertmanager.yaml').text
assert prometheus.contains('eu-west-1')
assert prometheus.contains('job_name: node')
assert prometheus.contains('password_file: /etc/prometheus/node-password')
assert prometheus.contains('scrape_interval: 30s')
assert alertmanager.contains('#spawn-alerts')
assert alertmanager.contains('routing_key_file: /etc/alertmanager/pagerduty-key')
assert !new File(out, 'alerts/capacity-alerts.yaml').exists()
assert out.listFiles().any { it.name == 'alerts' }
assert new File(out, 'alerts').listFiles().any { it.text.contains('SporedDown') }
assert log.contains('3 receivers')
assert log.contains('0 drifted')
assert !log.contains('Exception')
return true
