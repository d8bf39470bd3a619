def log = new File(basedir, 'build.log').text
def project = basedir.canonicalFile
def outside = new File(project.parentFile, 'generate-refused-output-outside')

assert log.contains('fwdocs: the plugin configuration has problems:')
assert log.contains("is the project folder itself; fwdocs would manage files among your sources")
assert log.contains("holds the catalog ${new File(project, 'src/fwdocs/catalog')}; fwdocs would mix its output with its input")
assert log.contains("is the catalog ${new File(project, 'src/fwdocs/catalog')}")
assert log.contains("holds the project folder ${project}")
assert log.contains("is outside the project folder ${project}; choose a folder inside it, or set <allowOutsideProject>true</allowOutsideProject>")
assert log.contains('use a folder of its own, such as the default ${project.build.directory}/fwdocs')

// Nothing was written by the refused runs.
[project, new File(project, 'src'), new File(project, 'src/fwdocs/catalog'), project.parentFile].each { dir ->
    assert !new File(dir, '.fwdocs-manifest').exists() : "written into ${dir}"
    assert !new File(dir, 'rules').exists() : "written into ${dir}"
}

// The last run, allowed outside the project, wrote there.
assert new File(outside, '.fwdocs-manifest').isFile()
assert new File(outside, 'pages/plain/shop/index.md').isFile()
