import java.nio.file.Files

def out = new File(basedir, 'target/fwdocs')
def log = new File(basedir, 'build.log').text
// Under the Maven 3.9 execution (plugin/pom.xml, profile maven39) every build of this IT ran on that Maven (-V).
if (binding.hasVariable('expectedMavenVersion')) {
    def ran = (log =~ /(?m)^Apache Maven (\S+)/).collect { it[1] }
    assert ran && ran.every { it == expectedMavenVersion } : "expected Maven ${expectedMavenVersion}, ran ${ran}"
}

['1.0', '1.1'].each { v ->
    ['web', 'db'].each { role ->
        ['iptables', 'nftables'].each { backend ->
            def script = new File(out, "rules/shop/${v}/${role}/${backend}.sh")
            assert script.isFile() : "missing ${script}"
            assert Files.isExecutable(script.toPath()) : "not executable: ${script}"
            assert script.text.startsWith('#!')
        }
    }
    assert new File(out, "pages/plain/shop/${v}/index.md").isFile()
}
assert new File(out, 'pages/plain/shop/index.md').isFile()
assert new File(out, 'pages/plain/shop/1.1/changelog.md').text.contains('postgres')
def hugoIndex = new File(out, 'pages/hugo/content/shop/_index.md')
assert hugoIndex.isFile()
assert new File(out, 'pages/hugo/layouts/shortcodes/fwdocs-tabs.html').isFile()
def page = new File(out, 'pages/plain/shop/1.1/index.md').text
assert page.contains('5432')
assert page.contains('src/fwdocs/catalog/shop.yaml')
assert !page.contains(basedir.absolutePath) : 'absolute paths must not leak into pages'
assert new File(out, '.fwdocs-manifest').isFile()

// The data export is a default output: JSON and CSV per version and under latest, the schema once.
['1.0', '1.1', 'latest'].each { v ->
    def json = new File(out, "data/shop/${v}/catalog.json")
    assert json.isFile() : "missing ${json}"
    assert json.text.contains('"$schema": "../../fwdocs-data.schema.json"')
    assert new File(out, "data/shop/${v}/flows.csv").text.startsWith('product,version,rule,protocol,ports,')
}
assert new File(out, 'data/fwdocs-data.schema.json').text.contains('"$id": "urn:fwdocs:data:1"')

// The HTML site is a default output: an index, per version an overview and a changelog, latest a byte copy, and
// links to the downloads that the run writes.
def site = new File(out, 'site')
assert new File(site, 'index.html').text.contains('href="shop/latest/index.html"')
['1.0', '1.1', 'latest'].each { v ->
    ['index', 'changelog'].each { p -> assert new File(site, "shop/${v}/${p}.html").isFile() : "missing ${v}/${p}" }
}
assert new File(site, 'shop/1.1/index.html').bytes == new File(site, 'shop/latest/index.html').bytes
def html = new File(site, 'shop/1.1/index.html').text
assert html.contains('5432') && html.contains('Content-Security-Policy')
assert html.contains('href="../../../data/shop/1.1/catalog.json"')
assert html.contains('href="../../../rules/shop/1.1/db/iptables.sh"')
assert !html.contains(basedir.absolutePath) : 'absolute paths must not leak into the site'
assert new File(site, 'assets/fwdocs.js').isFile() && new File(site, 'assets/fwdocs.css').isFile()

// First build: the summary names the folder and the counts. Second build: same input, nothing rendered or written.
assert log =~ /fwdocs: target\/fwdocs: \d+ written, 0 unchanged, 0 stale removed/
assert log =~ /fwdocs: 1 product rendered \[shop\]; \d+ files \(\d+ written, 0 unchanged, 0 stale removed\)/
assert log.contains('fwdocs: up to date, nothing rendered or written (1 product in target/fwdocs as the last run left them)')
assert new File(basedir, 'target/fwdocs-state/default.state').isFile()

// The bundles are a default output: a zip and a tar.gz per version, attached to the project, linked by the site
// with their SHA-256, named with their sums on the Markdown pages.
['1.0', '1.1'].each { v ->
    ['zip', 'tar.gz'].each { type ->
        def bundle = new File(out, "bundles/shop/shop-${v}-firewall.${type}")
        assert bundle.isFile() && bundle.length() > 1000 : "missing ${bundle}"
        def sha = java.security.MessageDigest.getInstance('SHA-256').digest(bundle.bytes).encodeHex().toString()
        assert new File(site, "shop/${v}/index.html").text.contains(sha) : "the site shows the SHA-256 of ${bundle}"
        assert new File(out, "pages/plain/shop/${v}/index.md").text.contains("`${sha}`")
        assert log.contains("shop-${v}-firewall.${type}") : "attached: ${bundle}"
    }
}
assert log.contains('fwdocs: attached 4 bundles to generate-basic')
