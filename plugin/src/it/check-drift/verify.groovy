def log = new File(basedir, 'build.log').text
// Under the Maven 3.9 execution (plugin/pom.xml, profile maven39) every build of this IT ran on that Maven (-V).
if (binding.hasVariable('expectedMavenVersion')) {
    def ran = (log =~ /(?m)^Apache Maven (\S+)/).collect { it[1] }
    assert ran && ran.every { it == expectedMavenVersion } : "expected Maven ${expectedMavenVersion}, ran ${ran}"
}
def docs = new File(basedir, 'docs/firewall')

// Runs 2 and 5 found nothing to report.
assert (log =~ /fwdocs: check OK: \d+ files as generate would write them/).count == 2

// Run 3: every kind of drift, with the first differing line, and the command that fixes it.
assert log.contains('fwdocs: the generated files are not what the catalog produces:')
assert log.contains('differs: docs/firewall/shop/1.1/index.md')
assert log =~ /differs: target\/fwdocs\/data\/shop\/1\.1\/flows\.csv:3/
assert log =~ /expected: shop,1\.1,postgres,tcp,5433,/
assert log =~ /found: +shop,1\.1,postgres,tcp,5432,/
assert log.contains('missing: docs/firewall/shop/1.2/index.md')
assert log.contains('missing: target/fwdocs/rules/shop/1.2/db/iptables.sh')
assert log.contains('extra:   docs/firewall/shop/1.0/index.md (no longer generated)')
assert log.contains('extra:   target/fwdocs/rules/shop/1.0/web/iptables.sh (no longer generated)')
assert log.contains("Run 'mvn fwdocs:generate'")

// Check wrote nothing: run 4 is what brought 1.2 in and took 1.0 out.
assert new File(docs, 'shop/1.2/index.md').text.contains('5433')
assert !new File(docs, 'shop/1.0').exists()
