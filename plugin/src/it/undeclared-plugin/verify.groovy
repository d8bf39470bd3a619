def log = new File(basedir, 'build.log').text
assert log.contains('fwdocs: catalog OK: 1 product, 2 versions, 2 roles, 2 rules')
assert new File(basedir, 'target/fwdocs/pages/mkdocs/shop/1.1/index.md').isFile()
