def log = new File(basedir, 'build.log').text
assert log.contains('src/fwdocs/catalog/shop.yaml:11:12: port 70000 is above 65535, the highest port')
assert log.contains("src/fwdocs/catalog/shop.yaml:15:5: unknown key 'protocl' in a rule; did you mean 'protocol'?")
assert log.contains("src/fwdocs/catalog/shop.yaml:17:11: 'webb' is not a role or address of this product; did you mean 'web'?")
assert log.contains('errors found; fix them in the catalog and run again')
assert log.contains('BUILD FAILURE')
