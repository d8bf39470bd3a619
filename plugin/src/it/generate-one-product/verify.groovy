def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/fwdocs')

assert log.contains('fwdocs: 2 products rendered [mail, shop];')
assert log.contains('fwdocs: 1 product rendered [mail], 1 up to date [shop];')
assert log.contains('fwdocs: up to date, nothing rendered or written (2 products in target/fwdocs')
assert new File(out, 'rules/mail/2.0/mx/nftables.sh').text.contains('587')
assert !new File(out, 'rules/mail/2.0/mx/nftables.sh').text.contains(' 25 ')
assert new File(out, 'site/index.html').text.contains('Mail')
assert new File(basedir, 'target/fwdocs-state/docs.state').isFile()
