// without a POM the current directory stands in for the project: target/spawn-monitoring/, the default spec
def targets = new File(basedir, 'target/spawn-monitoring/targets/spawn-instances.json')
assert targets.isFile()
assert targets.text.contains('i-0aaa')
assert !new File(basedir, 'pom.xml').exists()
return true
