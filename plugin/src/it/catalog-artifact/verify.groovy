def log = new File(basedir, 'build.log').text
// Under the Maven 3.9 execution (plugin/pom.xml, profile maven39) every build of this IT ran on that Maven (-V).
if (binding.hasVariable('expectedMavenVersion')) {
    def ran = (log =~ /(?m)^Apache Maven (\S+)/).collect { it[1] }
    assert ran && ran.every { it == expectedMavenVersion } : "expected Maven ${expectedMavenVersion}, ran ${ran}"
}
def out = new File(basedir, 'docs/target/fwdocs')

assert (log =~ /fwdocs: catalog dev\.fwdocs\.it:shared-catalog:1\.0 unpacked into target\/fwdocs-catalog\/shared-catalog-1\.0/).count >= 2
assert log.contains('fwdocs: catalog OK: 1 product, 2 versions, 2 roles, 2 rules')
def script = new File(out, 'rules/shop/1.1/db/iptables.sh').text
assert script.contains('target/fwdocs-catalog/shared-catalog-1.0/catalog/shop.yaml')
assert !script.contains(basedir.absolutePath) : 'no absolute path in a script header'
assert log.contains('fwdocs: up to date, nothing rendered or written')
