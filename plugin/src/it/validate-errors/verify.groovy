def log = new File(basedir, 'build.log').text
// Under the Maven 3.9 execution (plugin/pom.xml, profile maven39) every build of this IT ran on that Maven (-V).
if (binding.hasVariable('expectedMavenVersion')) {
    def ran = (log =~ /(?m)^Apache Maven (\S+)/).collect { it[1] }
    assert ran && ran.every { it == expectedMavenVersion } : "expected Maven ${expectedMavenVersion}, ran ${ran}"
}
assert log.contains('src/fwdocs/catalog/shop.yaml:11:12: port 70000 is above 65535, the highest port')
assert log.contains("src/fwdocs/catalog/shop.yaml:15:5: unknown key 'protocl' in a rule; did you mean 'protocol'?")
assert log.contains("src/fwdocs/catalog/shop.yaml:17:11: 'webb' is not a role or address of this product; did you mean 'web'?")
// A file that is not UTF-8 is a located error like the others, and the other files are still checked.
assert log.contains('src/fwdocs/catalog/legacy.yaml:4:12: the file is not valid UTF-8: byte 0xE9')
assert log.contains("src/fwdocs/catalog/tools.yaml:5:21: version 'Latest' is reserved")
assert !log.contains('Input length')
assert log.contains('errors found; fix them in the catalog and run again')
assert log.contains('BUILD FAILURE')
