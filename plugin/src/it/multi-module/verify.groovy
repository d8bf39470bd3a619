import java.nio.file.Files
import java.nio.file.Path

def log = new File(basedir, 'build.log').text
// Under the Maven 3.9 execution (plugin/pom.xml, profile maven39) every build of this IT ran on that Maven (-V).
if (binding.hasVariable('expectedMavenVersion')) {
    def ran = (log =~ /(?m)^Apache Maven (\S+)/).collect { it[1] }
    assert ran && ran.every { it == expectedMavenVersion } : "expected Maven ${expectedMavenVersion}, ran ${ran}"
}

// The aggregator: one INFO line per goal, no failure, no output.
assert log.contains('fwdocs: no catalog at src/fwdocs/catalog in this pom module; nothing to do')
assert !new File(basedir, 'target/fwdocs').exists()

// The same catalog in three modules built in parallel: the same bytes.
Map tree(File root) {
    def out = new TreeMap()
    Files.walk(root.toPath()).filter { Files.isRegularFile(it) }.each { Path p ->
        out[root.toPath().relativize(p).toString()] = Files.readAllBytes(p).encodeHex().toString()
    }
    out
}
def a = tree(new File(basedir, 'a/target/fwdocs'))
assert a.size() > 20
assert a.keySet().any { it.startsWith('pages/mkdocs/') }
['b', 'c'].each { m -> assert tree(new File(basedir, "${m}/target/fwdocs")) == a : "module ${m} differs from a" }

// -f b/pom.xml from the aggregator's folder: module b's catalog found and its folder written, nothing elsewhere.
assert (log =~ /fwdocs: target\/fwdocs: 0 written, \d+ unchanged, 0 stale removed/).count >= 1
assert !new File(basedir, 'src').exists()

// The skips.
assert log.contains('fwdocs: skipped (fwdocs.skip=true)')
assert log.contains('fwdocs: generate skipped (fwdocs.generate.skip=true)')
assert log.contains('fwdocs: validate skipped (fwdocs.validate.skip=true)')
