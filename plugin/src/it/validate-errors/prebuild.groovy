// A catalog saved as Latin-1 ('é' is the single byte 0xE9), written here so the repository holds only UTF-8 text.
def text = '''fwdocs: 1
product:
  id: legacy
  name: Caf\u00e9
  versions: ["1.0"]
roles:
  - id: web
'''
new File(basedir, 'src/fwdocs/catalog/legacy.yaml').bytes = text.getBytes('ISO-8859-1')
return true
