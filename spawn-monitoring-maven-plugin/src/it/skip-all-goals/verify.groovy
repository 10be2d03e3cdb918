def log = new File(basedir, 'build.log').text
['generate', 'targets', 'check'].each { goal ->
    assert log =~ /(?s)spawn-monitoring-maven-plugin:[^:]+:${goal} \(spawn\).*?spawn: skipped \(spawn.skip=true\)/ : "goal ${goal} did not skip"
}
assert log.count('spawn: skipped (spawn.skip=true)') == 3
assert !new File(basedir, 'monitoring').exists()
return true
