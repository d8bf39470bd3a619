def log = new File(basedir, 'build.log').text
assert log.contains('fwdocs: catalog OK: 1 product, 2 versions, 2 roles, 2 rules')
assert log.contains('BUILD SUCCESS')
