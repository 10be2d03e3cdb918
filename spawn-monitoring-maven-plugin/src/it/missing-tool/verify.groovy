def log = new File(basedir, 'build.log').text
assert log.contains("promtool not found: SPAWN_PROMTOOL=/nonexistent/promtool is not an executable file; install it with 'apt-get install prometheus' (Debian/Ubuntu) or 'brew install prometheus' (macOS), or set SPAWN_PROMTOOL to the binary")
assert log.contains('tool checks failed on the generated bundle') || log.contains('tool check failed')
return true
