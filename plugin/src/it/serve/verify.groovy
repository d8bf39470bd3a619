import java.util.concurrent.TimeUnit

// serve blocks until Ctrl-C, so it runs as a child Maven (the same Maven home, the ITs' local repository, offline)
// with a bounded lifetime: every wait below has a deadline, and the finally block kills the process whatever happens.
def mavenHome = System.getProperty('maven.home')
def mvn = mavenHome != null ? new File(mavenHome, 'bin/mvn').absolutePath : 'mvn'
def port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
def log = new File(basedir, 'serve.log')
// The plugin's coordinates from the IT's pom, which the invoker filtered.
def pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
def xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath()
def coordinate = { String name -> xpath.evaluate("/*[local-name()='project']/*[local-name()='build']/*[local-name()='plugins']"
        + "/*[local-name()='plugin'][1]/*[local-name()='${name}']", pom).trim() }
def plugin = ['groupId', 'artifactId', 'version'].collect(coordinate).join(':') + ':serve'
assert plugin ==~ /[^:\s]+:[^:\s]+:[^:\s]+:serve/ : plugin
// The artifacts in the ITs' local repository are recorded as coming from the invoker's repository id, so the child
// gets the same repository (as the invoker's settings.xml declares it) to accept them offline.
def repoUrl = localRepositoryPath.toURI().toString()
def settings = new File(basedir, 'serve-settings.xml')
settings.text = """<settings><profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>${repoUrl}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>${repoUrl}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>
"""
def cmd = [mvn, '-B', '-o', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath.absolutePath}", plugin,
           "-Dfwdocs.serve.port=${port}"].collect { it.toString() }
def process = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
        .redirectOutput(log).start()

def base = "http://127.0.0.1:${port}"
// One GET with short timeouts; null while the server is not up (connection refused) or answers an error.
def fetch = { String path ->
    try {
        def c = (HttpURLConnection) new URL(base + path).openConnection()
        c.connectTimeout = 2000
        c.readTimeout = 5000
        c.useCaches = false
        c.responseCode == 200 ? c.inputStream.getText('UTF-8') : null
    } catch (IOException e) {
        null
    }
}
// Polls until the page satisfies the test or the deadline passes; fails with the child's log otherwise.
def await = { String path, long seconds, Closure<Boolean> ok ->
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (System.nanoTime() < deadline) {
        assert process.alive : "serve ended early:\n${log.text}"
        def body = fetch(path)
        if (body != null && ok(body)) {
            return body
        }
        Thread.sleep(500)
    }
    assert false : "${path} not as expected within ${seconds}s:\n${log.text}"
}

try {
    // Maven's start-up plus the first build, on a loaded CI machine.
    def index = await('/site/index.html', 180) { it.contains('href="shop/latest/index.html"') }
    assert index.contains('Shop')
    def page = await('/site/shop/1.1/index.html', 10) { it.contains('5432') }
    assert !page.contains('5433')

    // A catalog change is rebuilt by the watcher and seen in the refetched page.
    def catalog = new File(basedir, 'src/fwdocs/catalog/shop.yaml')
    catalog.text = catalog.text.replace('ports: 5432', 'ports: 5433')
    page = await('/site/shop/1.1/index.html', 60) { it.contains('5433') }
    assert !page.contains('5432')
    assert log.text.contains('rebuilding')
} finally {
    // Stops it as Ctrl-C would (SIGTERM runs Maven's shutdown hooks); a process that does not end is killed and fails.
    process.destroy()
    boolean ended = process.waitFor(30, TimeUnit.SECONDS)
    if (!ended) {
        process.destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)
    }
    assert ended : "serve did not stop within 30s:\n${log.text}"
}
assert !process.alive
def text = log.text
assert text.contains("fwdocs: serving http://127.0.0.1:${port}/site/index.html")
assert text.contains('fwdocs: serve stopped')
assert fetch('/site/index.html') == null : 'the port is closed after the stop'
