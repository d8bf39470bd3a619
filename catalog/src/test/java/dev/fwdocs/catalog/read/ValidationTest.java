package dev.fwdocs.catalog.read;

import static dev.fwdocs.catalog.read.Yaml.assertErrors;
import static dev.fwdocs.catalog.read.Yaml.assertWarning;
import static dev.fwdocs.catalog.read.Yaml.withRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each validation case: the exact {@code file:line:col: message} a doc writer sees. */
class ValidationTest {

    @Test
    void theBaseCatalogIsCleanWithoutWarnings() {
        Catalog c = Yaml.read(Yaml.HEAD);
        assertEquals(List.of(), c.warnings());
        assertEquals(2, c.products().get(0).rules().size());
    }

    @Nested
    class YamlSyntax {
        @Test
        void colonInAnUnquotedValue() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      id: demo
                      name: Demo: The Sequel
                    """, "p.yaml:4:13: YAML syntax error: a ':' appears where no key can start; put quotes around a "
                    + "value that contains ': ' or fix the indentation of this line");
        }

        @Test
        void badIndentation() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      id: demo
                     name: x
                    """, "p.yaml:4:2: YAML syntax error: this line is indented differently from the lines around it; "
                    + "line up the keys of one mapping under each other");
        }

        @Test
        void unclosedQuotePointsAtTheQuote() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      name: "unclosed
                    roles: []
                    """, "p.yaml:3:9: YAML syntax error: the quote that opens here is never closed; add the closing "
                    + "quote");
        }

        @Test
        void tabIndentation() {
            assertErrors("fwdocs: 1\nproduct:\n\tid: x\n", "p.yaml:3:1: YAML syntax error: this line is indented "
                    + "with a tab; YAML allows only spaces, so replace the tab with spaces");
        }

        @Test
        void twoDocumentsInOneFile() {
            assertErrors("fwdocs: 1\n---\nfwdocs: 1\n", "p.yaml:2:1: the file holds more than one YAML document "
                    + "(a second '---'); put each product in its own file");
        }

        @Test
        void syntaxErrorInOneFileDoesNotHideProblemsInAnother() {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("b.yaml", "fwdocs: 1\nproduct:\n\tid: x\n");
            files.put("a.yaml", withRules("").replace("fwdocs: 1", "fwdocs: 3"));
            assertErrors(files,
                    "a.yaml:1:9: 'fwdocs: 3' is not a catalog format this version of fwdocs knows; write 'fwdocs: 1'",
                    "b.yaml:3:1: YAML syntax error: this line is indented with a tab; YAML allows only spaces, so "
                            + "replace the tab with spaces");
        }

        @Test
        void anchorsAndAliasesWork() {
            Catalog c = Yaml.read(withRules("""
                      - id: a1
                        protocol: &both [tcp, udp]
                        ports: 9999
                        from: &clients client
                        to: server
                      - id: a2
                        protocol: *both
                        ports: 9998
                        from: *clients
                        to: server
                    """));
            assertEquals("[TCP, UDP]", c.products().get(0).rules().get(3).protocols().toString());
        }

        @Test
        void mergeKeysAreRefusedWithoutCascade() {
            assertErrors(withRules("""
                      - &base
                        id: m1
                        protocol: tcp
                        ports: 9999
                        from: client
                        to: server
                      - <<: *base
                        id: m2
                        ports: 9998
                    """), "p.yaml:29:5: YAML merge keys ('<<') are not supported; write the keys out in a rule");
        }

        @Test
        void aliasBombIsStopped() {
            StringBuilder yaml = new StringBuilder("fwdocs: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 8; i++) {
                yaml.append("a").append(i).append(": &a").append(i).append(" [");
                yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
            }
            List<String> d = Yaml.diagnostics(yaml.toString());
            assertEquals(1, d.size(), d::toString);
            // At the alias that crosses the limit: the 51st (*a5, the fifth on line 8), as a limit with its number.
            assertEquals(List.of("p.yaml:8:35: the file uses more than 50 aliases (*name) of lists or mappings, the "
                    + "most fwdocs reads (a guard against alias bombs); write the values out"), d);
        }

        @Test
        void windowsLineEndingsAndByteOrderMarkAreFine() {
            Yaml.read("\uFEFF" + Yaml.HEAD.replace("\n", "\r\n"));
        }
    }

    @Nested
    class FileShape {
        @Test
        void emptyFile() {
            assertErrors("", "p.yaml:1:1: the file is empty; a catalog file starts with 'fwdocs: 1' followed by "
                    + "the 'product', its 'roles' and its 'rules'");
        }

        @Test
        void fileWithOnlyComments() {
            assertErrors("# nothing yet\n\n", "p.yaml:1:1: the file is empty; a catalog file starts with 'fwdocs: "
                    + "1' followed by the 'product', its 'roles' and its 'rules'");
        }

        @Test
        void emptyCatalogWithNoFiles() {
            assertErrors(Map.of(), "catalog: the catalog is empty: it holds no .yaml or .yml file; add one file per "
                    + "product, starting with 'fwdocs: 1'");
        }

        @Test
        void topLevelIsAList() {
            assertErrors("- a\n- b\n", "p.yaml:1:1: the file must be a mapping of 'key: value' lines");
        }

        @Test
        void fwdocsMissing() {
            assertErrors(Yaml.HEAD.replace("fwdocs: 1\n", "# a comment first\n"),
                    "p.yaml:2:1: the file has no 'fwdocs' line; add 'fwdocs: 1' at the top to say which catalog "
                            + "format it is written in");
        }

        @Test
        void fwdocsWrong() {
            assertErrors(Yaml.HEAD.replace("fwdocs: 1", "fwdocs: 2"), "p.yaml:1:9: 'fwdocs: 2' is not a catalog "
                    + "format this version of fwdocs knows; write 'fwdocs: 1'");
        }

        @Test
        void productRolesMissing() {
            assertErrors("fwdocs: 1\nrules: []\n",
                    "p.yaml:1:1: the file has no 'product'; add a 'product' with an id, a name and its versions",
                    "p.yaml:1:1: the file has no 'roles'; list the machine roles, for example 'roles: [{id: node}]'");
        }

        @Test
        void productEmptyRolesEmpty() {
            assertErrors("fwdocs: 1\nproduct:\nroles: []\n",
                    "p.yaml:2:1: 'product' is empty; write its keys indented below it",
                    "p.yaml:3:1: 'roles' is empty; list at least one machine role, for example '- id: node'");
        }

        @Test
        void rolesNotAList() {
            assertErrors(Yaml.HEAD.replace("roles:\n  - id: server\n  - id: client\n", "roles: server\n"),
                    // not also every rule that names a role: those may be fine once the roles are
                    "p.yaml:6:8: 'roles' must be a list of roles, each with an 'id' (items start with '- ')");
        }

        @Test
        void anAddressThatCannotBeReadHidesOnlyTheReferencesItMayBe() {
            assertErrors(Yaml.HEAD.replace("  - id: mirror\n", "  - name: Mirror\n")
                            + "  - id: typo\n    protocol: tcp\n    ports: 1\n    from: clinet\n    to: server\n",
                    "p.yaml:10:5: the address has no 'id'; add one such as 'id: my-address' (lower case letters, "
                            + "digits and '-')");
            // with every role and address read, an unknown name is reported as before
            assertErrors(Yaml.withRules("  - id: typo\n    protocol: tcp\n    ports: 1\n    from: clinet\n"
                    + "    to: server\n"), "p.yaml:26:11: 'clinet' is not a role or address of this product; did "
                    + "you mean 'client'?");
        }

        @Test
        void noRulesIsAWarning() {
            String yaml = Yaml.HEAD.substring(0, Yaml.HEAD.indexOf("rules:")) + "rules: []\n";
            List<String> d = Yaml.diagnostics(yaml);
            assertTrue(d.contains("p.yaml:12:1: warning: the product has no rules, so fwdocs generates no firewall "
                    + "rules for it; list the traffic each role accepts under 'rules'"), d::toString);
        }

        @Test
        void sameProductIdInTwoFiles() {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("a.yaml", Yaml.HEAD);
            files.put("b.yaml", Yaml.HEAD);
            assertErrors(files, "b.yaml:3:7: product id 'demo' is already used at a.yaml:3:7; give each product "
                    + "its own id");
        }
    }

    @Nested
    class Keys {
        @Test
        void unknownKeysWithSuggestionsAndNoCascade() {
            assertErrors(withRules("""
                      - id: k1
                        protocl: tcp
                        port: 22
                        form: client
                        to: server
                        colour: blue
                    """),
                    "p.yaml:24:5: unknown key 'protocl' in a rule; did you mean 'protocol'?",
                    "p.yaml:25:5: unknown key 'port' in a rule; did you mean 'ports'?",
                    "p.yaml:26:5: unknown key 'form' in a rule; did you mean 'from'?",
                    "p.yaml:28:5: unknown key 'colour' in a rule; the keys allowed here are id, name, protocol, "
                            + "ports, icmp-type, from, to, description, notes, optional, configurable, verify, since, "
                            + "until");
        }

        @Test
        void transposedLettersInAKey() {
            assertErrors(Yaml.HEAD.replace("  name: Demo", "  nmae: Demo"),
                    "p.yaml:4:3: unknown key 'nmae' in the product; did you mean 'name'?");
        }

        @Test
        void unknownTopLevelKey() {
            assertErrors(Yaml.HEAD + "adresses: []\n",
                    "p.yaml:23:1: unknown key 'adresses' in the catalog file; did you mean 'addresses'?");
        }

        @Test
        void duplicateYamlKeys() {
            assertErrors(Yaml.HEAD.replace("  name: Demo\n", "  name: Demo\n  name: Other\n"),
                    "p.yaml:5:3: key 'name' appears twice in the product (first on line 4); keep one of them");
        }

        @Test
        void missingRequiredKeysPointAtTheMappingThatLacksThem() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      summary: x
                    roles:
                      - name: No id
                    addresses:
                      - id: a
                        name: nothing
                    rules:
                      - id: r
                        description: nothing else
                    """,
                    "p.yaml:2:1: the product has no 'id'; add one such as 'id: my-product' (lower case letters, "
                            + "digits and '-')",
                    "p.yaml:2:1: the product has no 'name'; add the name readers see, such as 'name: StorageOS'",
                    "p.yaml:2:1: the product has no 'versions'; list the documented versions, oldest first, for "
                            + "example 'versions: [\"1.0\", \"1.1\"]'",
                    "p.yaml:5:5: the role has no 'id'; add one such as 'id: my-role' (lower case letters, digits "
                            + "and '-')",
                    "p.yaml:7:5: address 'a' has neither 'hosts' nor 'cidrs'; give at least one host name (hosts: "
                            + "[api.example.net]) or network (cidrs: [198.51.100.0/24])",
                    "p.yaml:10:5: rule 'r' has no 'from'; name a role or address id, or 'any', such as 'from: node'",
                    "p.yaml:10:5: rule 'r' has no 'protocol'; add one of tcp, udp, sctp, icmp, icmpv6 (or a list "
                            + "such as [tcp, udp])",
                    "p.yaml:10:5: rule 'r' has no 'to'; name a role or address id, such as 'to: node'");
        }

        @Test
        void missingNoteFieldsAndNonTextValues() {
            assertErrors(Yaml.HEAD.replace("  versions: [\"1.0\", \"1.1\", \"2.0\"]\n", """
                      versions: ["1.0", "1.1", "2.0"]
                      notes:
                        - title: T
                        - text: x
                      summary: [a]
                    """),
                    "p.yaml:7:7: the note has no 'text'; add the note's Markdown text under 'text: |'",
                    "p.yaml:8:7: the note has no 'title'; add a short heading such as 'title: Outgoing traffic'",
                    "p.yaml:9:12: 'summary' of the product must be a single value, not a list or mapping");
        }

        @Test
        void emptyRequiredValue() {
            assertErrors(Yaml.HEAD.replace("  name: Demo", "  name:"),
                    "p.yaml:4:3: 'name' of the product is empty; give it the name readers see, such as 'name: "
                            + "StorageOS'");
        }
    }

    @Nested
    class Ids {
        @Test
        void malformedAndTooLongIds() {
            assertErrors(withRules("""
                      - id: Bad_Id
                        protocol: tcp
                        ports: 22
                        from: client
                        to: server
                      - id: a-very-long-rule-identifier-that-goes-on-and-on
                        protocol: tcp
                        ports: 23
                        from: client
                        to: server
                      - id: trailing-
                        protocol: tcp
                        ports: 24
                        from: client
                        to: server
                      - protocol: tcp
                        ports: 25
                        from: client
                        to: server
                    """),
                    "p.yaml:23:9: 'Bad_Id' is not a valid rule id; use lower case letters, digits and '-', starting "
                            + "and ending with a letter or digit (such as 'bad-id')",
                    "p.yaml:28:9: rule id 'a-very-long-rule-identifier-that-goes-on-and-on' is 47 characters long; "
                            + "shorten it to at most 40 (it becomes part of file, chain and variable names)",
                    "p.yaml:33:9: 'trailing-' is not a valid rule id; use lower case letters, digits and '-', "
                            + "starting and ending with a letter or digit (such as 'trailing')",
                    "p.yaml:38:5: the rule has no 'id'; add one such as 'id: my-rule' (lower case letters, digits "
                            + "and '-')");
        }

        @Test
        void malformedProductAndRoleIds() {
            assertErrors(Yaml.HEAD.replace("id: demo", "id: My Product").replace("- id: client", "- id: \"\""),
                    "p.yaml:3:7: 'My Product' is not a valid product id; use lower case letters, digits and '-', "
                            + "starting and ending with a letter or digit (such as 'my-product')",
                    "p.yaml:8:9: '' is not a valid role id; use lower case letters, digits and '-', starting and "
                            + "ending with a letter or digit");
        }

        @Test
        void anyIsReserved() {
            assertErrors(Yaml.HEAD.replace("- id: client", "- id: any").replace("from: client", "from: any"),
                    "p.yaml:8:9: 'any' is reserved for 'any source'; give the role another id");
        }

        @Test
        void roleAndAddressShareOneNamespace() {
            assertErrors(Yaml.HEAD.replace("- id: mirror", "- id: client").replace("to: mirror", "to: client"),
                    "p.yaml:10:5: address id 'client' is already used at p.yaml:8:5; give each role and address its "
                            + "own id");
        }

        @Test
        void duplicateRuleIdInOneVersion() {
            assertErrors(withRules("""
                      - id: web
                        protocol: tcp
                        ports: 8081
                        from: client
                        to: server
                    """), "p.yaml:23:5: rule id 'web' is already used at p.yaml:18:5 in version 1.0; give the rule "
                    + "its own id, or set 'since'/'until' so the two never meet in one version");
        }

        @Test
        void sameRuleIdInVersionsThatNeverMeetIsFine() {
            Catalog c = Yaml.read(withRules("""
                      - id: old
                        protocol: tcp
                        ports: 9000
                        from: client
                        to: server
                        until: "1.1"
                      - id: old
                        protocol: tcp
                        ports: 9001
                        from: client
                        to: server
                        since: "1.1"
                    """));
            assertEquals(4, c.products().get(0).rules().size());
        }

        @Test
        void duplicateRuleIdWhenRangesOverlap() {
            assertErrors(withRules("""
                      - id: old
                        protocol: tcp
                        ports: 9000
                        from: client
                        to: server
                        until: "2.0"
                      - id: old
                        protocol: tcp
                        ports: 9001
                        from: client
                        to: server
                        since: "1.1"
                    """), "p.yaml:29:5: rule id 'old' is already used at p.yaml:23:5 in version 1.1; give the rule "
                    + "its own id, or set 'since'/'until' so the two never meet in one version");
        }
    }

    @Nested
    class Ports {
        @Test
        void aListWrittenAsOneValueIsShownAsAList() {
            assertErrors(withRules("""
                      - id: l1
                        protocol: tcp
                        ports: "80, 443"
                        from: client
                        to: server
                      - id: l2
                        protocol: udp
                        ports: 53 5353-5354
                        from: client
                        to: server
                      - id: l3
                        protocol: tcp
                        ports: "80, http"
                        from: client
                        to: server
                      - id: l4
                        protocol: tcp/udp
                        ports: 9000
                        from: client
                        to: server
                      - id: l5
                        protocol: tcp,gre
                        ports: 9001
                        from: client
                        to: server
                    """),
                    "p.yaml:25:12: '80, 443' is not one port; write the ports as a list: 'ports: [80, 443]'",
                    "p.yaml:30:12: '53 5353-5354' is not one port; write the ports as a list: 'ports: [53, "
                            + "\"5353-5354\"]'",
                    // not every item a port: the plain message
                    "p.yaml:35:12: '80, http' is not a port; write a number from 1 to 65535 or a range such as "
                            + "\"30000-32767\"",
                    "p.yaml:39:15: 'tcp/udp' is not one protocol; write them as a list: 'protocol: [tcp, udp]'",
                    "p.yaml:44:15: unknown protocol 'tcp,gre'; use one of tcp, udp, sctp, icmp, icmpv6");
        }

        @Test
        void badPorts() {
            assertErrors(withRules("""
                      - id: p0
                        protocol: tcp
                        ports: 0
                        from: client
                        to: server
                      - id: p1
                        protocol: tcp
                        ports: [70000, abc, "20-10", "5701:5702", 443/tcp, "1-2-3", -5]
                        from: client
                        to: server
                      - id: p2
                        protocol: udp
                        ports: []
                        from: client
                        to: server
                    """),
                    "p.yaml:25:12: port 0 cannot be opened; use a port from 1 to 65535",
                    "p.yaml:30:13: port 70000 is above 65535, the highest port; use a port from 1 to 65535",
                    "p.yaml:30:20: 'abc' is not a port; write a number from 1 to 65535 or a range such as "
                            + "\"30000-32767\"",
                    "p.yaml:30:25: range 20-10 is reversed; write the lowest port first: \"10-20\"",
                    "p.yaml:30:34: '5701:5702' uses ':' for a range; write \"5701-5702\"",
                    "p.yaml:30:47: '443/tcp' is not a port; write only the port (443) here and put the protocol "
                            + "under 'protocol'",
                    "p.yaml:30:56: '1-2-3' is not a port; write a number from 1 to 65535 or a range such as "
                            + "\"30000-32767\"",
                    "p.yaml:30:65: '-5' is not a port; write a number from 1 to 65535 or a range such as "
                            + "\"30000-32767\"",
                    "p.yaml:35:5: 'ports' of rule 'p2' is empty; add a port such as 443, a range such as "
                            + "\"30000-32767\", or a list");
        }

        @Test
        void portRangeEndAbove65535AndZeroInRange() {
            assertErrors(withRules("""
                      - id: p
                        protocol: udp
                        ports: ["65000-65536", "0-10"]
                        from: client
                        to: server
                    """),
                    "p.yaml:25:13: port 65536 is above 65535, the highest port; use a port from 1 to 65535",
                    "p.yaml:25:28: port 0 cannot be opened; use a port from 1 to 65535");
        }

        @Test
        void overlappingPortsInOneList() {
            assertErrors(withRules("""
                      - id: p
                        protocol: tcp
                        ports: ["5701-5710", 5705]
                        from: client
                        to: server
                    """), "p.yaml:25:26: '5705' overlaps 5701-5710 earlier in the same list; list each port once");
        }

        @Test
        void missingPorts() {
            assertErrors(withRules("""
                      - id: p
                        protocol: sctp
                        from: client
                        to: server
                    """), "p.yaml:23:5: rule 'p' has no 'ports'; add a port such as 443, a range such as "
                    + "\"30000-32767\", or a list");
        }

        @Test
        void validPortForms() {
            Catalog c = Yaml.read(withRules("""
                      - id: p
                        protocol: [tcp, udp]
                        ports: [5701, "5705-5707", 30000-32767, 65535, 1]
                        from: client
                        to: server
                    """));
            assertEquals("[5701, 5705-5707, 30000-32767, 65535, 1]",
                    c.products().get(0).rules().get(2).ports().toString());
        }
    }

    @Nested
    class Icmp {
        @Test
        void typesByNumberOrAsPingNameTheType() {
            assertErrors(withRules("""
                      - id: n1
                        protocol: icmp
                        icmp-type: [ping, 8, 11, 200]
                        from: client
                        to: server
                      - id: n2
                        protocol: icmpv6
                        icmp-type: 135
                        from: client
                        to: server
                    """),
                    "p.yaml:25:17: 'ping' is not an ICMP type; write 'echo-request' (what ping sends)",
                    "p.yaml:25:23: '8' is not an ICMP type; types are written by name: write 'echo-request' for "
                            + "ICMP type 8",
                    "p.yaml:25:26: '11' is not an ICMP type; types are written by name: write 'time-exceeded' for "
                            + "ICMP type 11",
                    "p.yaml:25:30: '200' is not an ICMP type; use one of echo-reply, destination-unreachable, "
                            + "source-quench, redirect, echo-request, router-advertisement, router-solicitation, "
                            + "time-exceeded, parameter-problem, timestamp-request, timestamp-reply",
                    "p.yaml:30:16: '135' is not an ICMPv6 type; types are written by name: write "
                            + "'neighbor-solicitation' for ICMPv6 type 135");
        }

        @Test
        void icmpRuleMistakes() {
            assertErrors(withRules("""
                      - id: i1
                        protocol: icmp
                        ports: 22
                        icmp-type: echo-request
                        from: client
                        to: server
                      - id: i2
                        protocol: tcp
                        ports: 22
                        icmp-type: echo-request
                        from: client
                        to: server
                      - id: i5
                        protocol: icmp
                        from: client
                        to: server
                      - id: i6
                        protocol: [tcp, icmp]
                        ports: 1
                        from: client
                        to: server
                    """),
                    "p.yaml:25:5: ICMP has no ports; remove 'ports' from rule 'i1' and use 'icmp-type' (such as "
                            + "echo-request)",
                    "p.yaml:32:5: 'icmp-type' only applies to icmp or icmpv6; remove it from rule 'i2' or set its "
                            + "protocol to icmp",
                    "p.yaml:35:5: rule 'i5' allows ICMP but names no 'icmp-type'; add one such as 'icmp-type: "
                            + "echo-request'",
                    "p.yaml:40:15: rule 'i6' mixes ICMP with port protocols; split it into one rule for the ports "
                            + "and one for the ICMP types");
        }

        @Test
        void icmpTypeUnknownForItsFamily() {
            assertErrors(withRules("""
                      - id: i3
                        protocol: icmpv6
                        icmp-type: echo-requset
                        from: client
                        to: server
                      - id: i4
                        protocol: [icmp, icmpv6]
                        icmp-type: [echo-request, neighbor-solicitation, bogus]
                        from: client
                        to: server
                      - id: i7
                        protocol: icmp
                        icmp-type: packet-too-big
                        from: client
                        to: server
                    """),
                    "p.yaml:25:16: 'echo-requset' is not an ICMPv6 type; did you mean 'echo-request'?",
                    "p.yaml:30:31: 'neighbor-solicitation' is an ICMPv6 type, not an ICMP type; set the protocol of "
                            + "rule 'i4' to icmpv6 or put it in a rule of its own",
                    "p.yaml:30:54: 'bogus' is not an ICMP type; use one of echo-reply, destination-unreachable, "
                            + "source-quench, redirect, echo-request, router-advertisement, router-solicitation, "
                            + "time-exceeded, parameter-problem, timestamp-request, timestamp-reply",
                    "p.yaml:30:54: 'bogus' is not an ICMPv6 type; use one of destination-unreachable, "
                            + "packet-too-big, time-exceeded, parameter-problem, echo-request, echo-reply, "
                            + "router-solicitation, router-advertisement, neighbor-solicitation, "
                            + "neighbor-advertisement, redirect",
                    "p.yaml:35:16: 'packet-too-big' is an ICMPv6 type, not an ICMP type; set the protocol of rule "
                            + "'i7' to icmpv6 or put it in a rule of its own");
        }

        @Test
        void bothFamiliesShareANameAndNeighbourDiscoveryIsKnown() {
            Catalog c = Yaml.read(withRules("""
                      - id: ping
                        protocol: [icmp, icmpv6]
                        icmp-type: echo-request
                        from: client
                        to: server
                      - id: nd
                        protocol: icmpv6
                        icmp-type: [neighbor-solicitation, neighbor-advertisement]
                        from: client
                        to: server
                    """));
            assertEquals("[echo-request, echo-request]", c.products().get(0).rules().get(2).icmpTypes().toString());
            assertTrue(c.products().get(0).rules().get(3).icmpTypes().stream()
                    .allMatch(dev.fwdocs.catalog.IcmpType::isNeighbourDiscovery));
        }
    }

    @Nested
    class Protocols {
        @Test
        void unknownProtocols() {
            assertErrors(withRules("""
                      - id: u1
                        protocol: tpc
                        ports: 22
                        from: client
                        to: server
                      - id: u2
                        protocol: [TCP, gre, udp, udp]
                        ports: 22
                        from: client
                        to: server
                      - id: u3
                        protocol: []
                        ports: 22
                        from: client
                        to: server
                    """),
                    "p.yaml:24:15: unknown protocol 'tpc'; did you mean 'tcp'?",
                    "p.yaml:29:16: unknown protocol 'TCP'; did you mean 'tcp'?",
                    "p.yaml:29:21: unknown protocol 'gre'; use one of tcp, udp, sctp, icmp, icmpv6",
                    "p.yaml:29:31: protocol 'udp' is listed twice in rule 'u2'; list it once",
                    "p.yaml:34:5: 'protocol' of rule 'u3' is empty; write one of tcp, udp, sctp, icmp, icmpv6 (or a "
                            + "list such as [tcp, udp])");
        }
    }

    @Nested
    class References {
        @Test
        void unknownRolesAndAddresses() {
            assertErrors(withRules("""
                      - id: r1
                        protocol: tcp
                        ports: 22
                        from: [clinet, nobody]
                        to: [sever, server, server]
                      - id: r2
                        protocol: tcp
                        ports: 23
                        from: client
                        to: any
                    """),
                    "p.yaml:26:12: 'clinet' is not a role or address of this product; did you mean 'client'?",
                    "p.yaml:26:20: 'nobody' is not a role or address of this product; define it under 'roles' or "
                            + "'addresses'",
                    "p.yaml:27:10: 'sever' is not a role or address of this product; did you mean 'server'?",
                    "p.yaml:27:25: 'server' is listed twice; list it once",
                    "p.yaml:32:9: 'to: any' cannot be turned into rules for a role; name the roles or addresses "
                            + "that accept the traffic");
        }

        @Test
        void referencesAreCheckedWhenTheProductIsBroken() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      id: Demo
                    roles:
                      - id: server
                    rules:
                      - id: r
                        protocol: tcp
                        ports: 1
                        from: clinet
                        to: server
                        since: "9"
                    """,
                    "p.yaml:2:1: the product has no 'name'; add the name readers see, such as 'name: StorageOS'",
                    "p.yaml:2:1: the product has no 'versions'; list the documented versions, oldest first, for "
                            + "example 'versions: [\"1.0\", \"1.1\"]'",
                    "p.yaml:3:7: 'Demo' is not a valid product id; use lower case letters, digits and '-', starting "
                            + "and ending with a letter or digit (such as 'demo')",
                    "p.yaml:10:11: 'clinet' is not a role or address of this product; define it under 'roles' or "
                            + "'addresses'");
        }

        @Test
        void sinceAndUntilAreCheckedWhenOnlyTheProductNameIsMissing() {
            assertErrors(withRules("""
                      - id: r
                        protocol: tcp
                        ports: 1
                        from: client
                        to: server
                        since: "9"
                    """).replace("  name: Demo\n", ""),
                    "p.yaml:2:1: the product has no 'name'; add the name readers see, such as 'name: StorageOS'",
                    "p.yaml:27:12: 'since: 9' is not one of the product's versions (1.0, 1.1, 2.0); add it to the "
                            + "product's 'versions' or fix the name");
        }

        @Test
        void anyWithARoleIsAllowedBecauseTheRoleGetsTheOutboundRule() {
            Catalog c = Yaml.read(withRules("""
                      - id: r
                        protocol: tcp
                        ports: 9
                        from: [any, client]
                        to: server
                    """));
            assertEquals(List.of(), c.warnings());
        }

        @Test
        void samePortFromAnotherSourceIsAnotherFlowAndDoesNotWarn() {
            Catalog c = Yaml.read(withRules("""
                      - id: web-from-server
                        protocol: tcp
                        ports: 8080
                        from: server
                        to: server
                    """));
            assertEquals(List.of(), c.warnings());
        }
    }

    @Nested
    class Versions {
        @Test
        void unlistedAndReversedVersions() {
            assertErrors(withRules("""
                      - id: v1
                        protocol: tcp
                        ports: 22
                        from: client
                        to: server
                        since: "1.2"
                        until: "3.0"
                      - id: v2
                        protocol: tcp
                        ports: 23
                        from: client
                        to: server
                        since: "2.0"
                        until: "1.1"
                      - id: v3
                        protocol: tcp
                        ports: 24
                        from: client
                        to: server
                        since: "1.1"
                        until: "1.1"
                    """),
                    "p.yaml:28:12: 'since: 1.2' is not one of the product's versions (1.0, 1.1, 2.0); add it to the "
                            + "product's 'versions' or fix the name",
                    "p.yaml:29:12: 'until: 3.0' is not one of the product's versions (1.0, 1.1, 2.0); add it to the "
                            + "product's 'versions' or fix the name",
                    "p.yaml:36:12: 'until: 1.1' is not after 'since: 2.0'; 'since' is the first version with the rule "
                            + "and 'until' the first without it, so 'until' must come later in the product's versions",
                    "p.yaml:43:12: 'until: 1.1' is not after 'since: 1.1'; 'since' is the first version with the rule "
                            + "and 'until' the first without it, so 'until' must come later in the product's "
                            + "versions");
        }

        @Test
        void productWithNoVersions() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[]"),
                    "p.yaml:5:3: the product has no versions; list at least one, oldest first, for example "
                            + "'versions: [\"1.0\"]'");
        }

        @Test
        void productWithoutVersionsKey() {
            assertErrors(Yaml.HEAD.replace("  versions: [\"1.0\", \"1.1\", \"2.0\"]\n", ""),
                    "p.yaml:2:1: the product has no 'versions'; list the documented versions, oldest first, for "
                            + "example 'versions: [\"1.0\", \"1.1\"]'");
        }

        @Test
        void versionListedTwiceOrInvalid() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[\"1.0\", \"1.0\", \"bad version\"]"),
                    "p.yaml:5:21: version '1.0' is listed twice; list each version once",
                    "p.yaml:5:28: version 'bad version' is not a valid version name; use letters, digits, '.', '_', "
                            + "'+' and '-' (it becomes part of paths)");
        }

        @Test
        void latestInAnyLetterCaseIsReserved() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[\"1.0\", latest, \"Latest\", LATEST]"),
                    "p.yaml:5:21: version 'latest' is reserved: fwdocs already publishes the last version "
                            + "listed under 'latest'; list the version's real name (such as '2.0') instead",
                    "p.yaml:5:29: version 'Latest' is reserved: fwdocs already publishes the last version "
                            + "listed under 'latest', the same folder as 'Latest' on macOS and Windows (they ignore "
                            + "letter case); list the version's real name (such as '2.0') instead",
                    "p.yaml:5:39: version 'LATEST' is reserved: fwdocs already publishes the last version "
                            + "listed under 'latest', the same folder as 'LATEST' on macOS and Windows (they ignore "
                            + "letter case); list the version's real name (such as '2.0') instead");
        }

        @Test
        void latestInABlockListPointsAtItsEntry() {
            assertErrors(Yaml.HEAD.replace("  versions: [\"1.0\", \"1.1\", \"2.0\"]\n", """
                      versions:
                        - "1.0"
                        - "latest"
                    """),
                    "p.yaml:7:7: version 'latest' is reserved: fwdocs already publishes the last version "
                            + "listed under 'latest'; list the version's real name (such as '2.0') instead");
        }

        @Test
        void namesOfTheIndexPagesAreReserved() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[index.md, Index.mdx, \"1.0\", index]"),
                    "p.yaml:5:14: version 'index.md' is reserved: names starting with 'index.' (in any letter case) "
                            + "are kept for the index pages in the product's folder (such as 'index.md'); rename the "
                            + "version",
                    "p.yaml:5:24: version 'Index.mdx' is reserved: names starting with 'index.' (in any letter case) "
                            + "are kept for the index pages in the product's folder (such as 'index.md'); rename the "
                            + "version");
        }

        @Test
        void versionsThatAreNoSafeFolderName() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]",
                            "[\"2.0.\", \".\", \"..\", \"../1.0\", \"1.0/x\", \"1.0\\\\x\", \"\", \" 1.0\", \"-1\", "
                                    + "\".1\"]"),
                    "p.yaml:5:14: version '2.0.' ends with '.', which Windows drops from folder names; remove the "
                            + "trailing '.'",
                    "p.yaml:5:22: version '.' is not a valid version name; use letters, digits, '.', '_', '+' and "
                            + "'-' (it becomes part of paths)",
                    "p.yaml:5:27: version '..' is not a valid version name; use letters, digits, '.', '_', '+' and "
                            + "'-' (it becomes part of paths)",
                    "p.yaml:5:33: version '../1.0' is not a valid version name; use letters, digits, '.', '_', '+' "
                            + "and '-' (it becomes part of paths)",
                    "p.yaml:5:43: version '1.0/x' is not a valid version name; use letters, digits, '.', '_', '+' "
                            + "and '-' (it becomes part of paths)",
                    "p.yaml:5:52: version '1.0\\x' is not a valid version name; use letters, digits, '.', '_', '+' "
                            + "and '-' (it becomes part of paths)",
                    "p.yaml:5:62: a version is empty; write the version's name (such as \"1.0\") or remove the entry",
                    "p.yaml:5:66: version ' 1.0' is not a valid version name; use letters, digits, '.', '_', '+' and "
                            + "'-' (it becomes part of paths)",
                    "p.yaml:5:74: version '-1' starts with '-'; start it with a letter or a digit (it names folders,"
                            + " and site generators skip those that start with '.' or '_')",
                    "p.yaml:5:80: version '.1' starts with '.'; start it with a letter or a digit (it names folders,"
                            + " and site generators skip those that start with '.' or '_')");
        }

        @Test
        void versionsThatDifferOnlyInLetterCaseWouldShareAFolder() {
            assertErrors(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[\"1.0-RC1\", \"1.0-rc1\", \"1.0-RC1\"]"),
                    "p.yaml:5:25: version '1.0-rc1' differs from version '1.0-RC1' at p.yaml:5:14 only in letter "
                            + "case, so on macOS and Windows the two would share a folder; spell the version one way "
                            + "and list it once",
                    "p.yaml:5:36: version '1.0-RC1' is listed twice; list each version once");
        }

        @Test
        void namesThatOnlyContainLatestOrIndexAreFine() {
            Catalog c = Yaml.read(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]",
                    "[\"1.0-latest\", latest-1, index, index-2, \"1.0_\", \"1.0+\"]"));
            assertEquals(List.of("1.0-latest", "latest-1", "index", "index-2", "1.0_", "1.0+"),
                    c.products().get(0).product().versions());
        }

        @Test
        void unquotedVersionsKeepTheirText() {
            Catalog c = Yaml.read(Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", "[2.9, 2.10]"));
            assertEquals(List.of("2.9", "2.10"), c.products().get(0).product().versions());
        }
    }

    @Nested
    class Addresses {
        @Test
        void invalidHostsAndCidrs() {
            assertErrors("""
                    fwdocs: 1
                    product:
                      id: demo
                      name: Demo
                      versions: ["1.0"]
                    roles:
                      - id: server
                    addresses:
                      - id: a1
                        hosts: [https://x.example.net, "bad_host", 198.51.100.1, ok.example.net, OK.example.net]
                        cidrs: [198.51.100.1/24, 300.1.1.1/32, "2001:db8::/129", "2001:db8:::1", not-a-net, 10.0.0.0/8, 10.0.0.0/8]
                      - id: a2
                        name: nothing
                      - id: a3
                        hosts: []
                    rules:
                      - id: r
                        protocol: tcp
                        ports: 1
                        from: [a1, a2, a3]
                        to: server
                    """,
                    "p.yaml:10:13: host 'https://x.example.net' is a URL or a network; write only the host name "
                            + "(such as containers.example.net) here and put networks under 'cidrs'",
                    "p.yaml:10:36: 'bad_host' is not a valid host name; use letters, digits, '-' and '.' such as "
                            + "api.example.net (an IP address belongs under 'cidrs')",
                    "p.yaml:10:48: '198.51.100.1' is not a valid host name; use letters, digits, '-' and '.' such as "
                            + "api.example.net (an IP address belongs under 'cidrs')",
                    "p.yaml:10:78: host 'OK.example.net' is listed twice in address 'a1'; list it once",
                    "p.yaml:11:13: '198.51.100.1/24' has host bits set; write the network 198.51.100.0/24 instead",
                    "p.yaml:11:30: '300.1.1.1/32' is not a valid IPv4 address; each of its four numbers must be "
                            + "0-255, written without leading zeros",
                    "p.yaml:11:44: '2001:db8::/129' has an invalid prefix length; write /0 to /128 after the address",
                    "p.yaml:11:62: '2001:db8:::1' is not a valid IPv6 address; write it as eight groups of up to "
                            + "four hex digits, with at most one '::', such as 2001:db8::/32",
                    "p.yaml:11:78: 'not-a-net' is not an IPv4 or IPv6 network; write one such as 198.51.100.0/24 or "
                            + "2001:db8::/32",
                    "p.yaml:11:101: network 10.0.0.0/8 is listed twice in address 'a1'; list it once",
                    "p.yaml:12:5: address 'a2' has neither 'hosts' nor 'cidrs'; give at least one host name "
                            + "(hosts: [api.example.net]) or network (cidrs: [198.51.100.0/24])",
                    "p.yaml:14:5: address 'a3' has neither 'hosts' nor 'cidrs'; give at least one host name "
                            + "(hosts: [api.example.net]) or network (cidrs: [198.51.100.0/24])");
        }

        @Test
        void validHostsAndCidrsAreNormalised() {
            Catalog c = Yaml.read(Yaml.HEAD.replace("hosts: [mirror.example.net]",
                    "hosts: [Mirror.Example.NET, \"*.cdn.example.net\"]\n    cidrs: [198.51.100.0/28, "
                            + "\"2001:DB8:0:0::/48\", 192.0.2.7]"));
            var a = c.products().get(0).addresses().get(0);
            assertEquals(List.of("mirror.example.net", "*.cdn.example.net"), a.hosts());
            assertEquals("[198.51.100.0/28, 2001:db8::/48, 192.0.2.7/32]", a.cidrs().toString());
        }
    }

    @Nested
    class Configurable {
        @Test
        void configurableMistakes() {
            assertErrors(withRules("""
                      - id: c1
                        protocol: tcp
                        ports: "8000-8010"
                        from: client
                        to: server
                        configurable:
                          setting: Port
                          where: /etc/x.conf
                      - id: c2
                        protocol: tcp
                        ports: 9443
                        from: client
                        to: server
                        configurable:
                          where: /etc/x.conf
                      - id: c3
                        protocol: tcp
                        ports: 9444
                        from: client
                        to: server
                        optional: yes
                        configurable: ""
                      - id: c4
                        protocol: icmp
                        icmp-type: echo-request
                        from: client
                        to: server
                        configurable:
                          setting: Port
                          where: /etc/x.conf
                      - id: c5
                        protocol: tcp
                        ports: [9445, 9446]
                        from: client
                        to: server
                        configurable:
                          setting: Port
                          whre: /etc/x.conf
                    """),
                    "p.yaml:28:5: rule 'c1' is configurable, so it must have exactly one port (the default, such as "
                            + "'ports: 8443'); split the other ports into a rule of their own",
                    "p.yaml:36:5: 'configurable' has no 'setting'; add the name of the setting that moves the port, "
                            + "such as 'setting: NodePublicPort'",
                    "p.yaml:43:15: 'optional' must be true or false, not 'yes'",
                    "p.yaml:44:19: 'configurable' must be a mapping of 'key: value' lines",
                    "p.yaml:50:5: ICMP has no port to move; remove 'configurable' from rule 'c4'",
                    "p.yaml:58:5: rule 'c5' is configurable, so it must have exactly one port (the default, such as "
                            + "'ports: 8443'); split the other ports into a rule of their own",
                    "p.yaml:60:7: unknown key 'whre' in 'configurable'; did you mean 'where'?");
        }

        @Test
        void configurableWithBadPortReportsOnlyThePort() {
            assertErrors(withRules("""
                      - id: c
                        protocol: tcp
                        ports: 99999
                        from: client
                        to: server
                        configurable:
                          setting: Port
                          where: /etc/x.conf
                    """), "p.yaml:25:12: port 99999 is above 65535, the highest port; use a port from 1 to 65535");
        }
    }

    @Nested
    class Warnings {
        @Test
        void twoRulesOpenTheSamePortToTheSameRole() {
            assertWarning(withRules("""
                      - id: web-copy
                        protocol: tcp
                        ports: 8080
                        from: [server, client]
                        to: server
                    """), "p.yaml:23:5: warning: rule 'web-copy' opens TCP 8080 to 'server' that rule 'web' at "
                    + "p.yaml:18:5 already opens; merge the two rules or remove one");
        }

        @Test
        void overlappingRangeIsNamed() {
            assertWarning(withRules("""
                      - id: web2
                        protocol: [tcp, udp]
                        ports: "8000-8100"
                        from: client
                        to: server
                    """), "p.yaml:23:5: warning: rule 'web2' opens TCP 8000-8100 (overlapping 8080) to 'server' that "
                    + "rule 'web' at p.yaml:18:5 already opens; merge the two rules or remove one");
        }

        @Test
        void sameIcmpTypeTwice() {
            assertWarning(withRules("""
                      - id: ping
                        protocol: icmp
                        icmp-type: echo-request
                        from: client
                        to: server
                      - id: ping-again
                        protocol: icmp
                        icmp-type: [echo-reply, echo-request]
                        from: client
                        to: server
                    """), "p.yaml:28:5: warning: rule 'ping-again' opens ICMP echo-request to 'server' that rule "
                    + "'ping' at p.yaml:23:5 already opens; merge the two rules or remove one");
        }

        @Test
        void rulesInVersionsThatNeverMeetDoNotOverlap() {
            List<String> d = Yaml.diagnostics(withRules("""
                      - id: web-new
                        protocol: tcp
                        ports: 8080
                        from: client
                        to: server
                        since: "2.0"
                    """).replace("    to: server\n  - id: web-new", "    to: server\n    until: \"2.0\"\n"
                    + "  - id: web-new"));
            assertEquals(List.of(), d);
        }

        @Test
        void rulesThatMeetInSomeVersionsNameThem() {
            // 'web' is in 1.0 and 1.1 only; 'web-new' from 1.1 on; 'web-late' in 2.0 only
            List<String> d = Yaml.diagnostics(withRules("""
                      - id: web-new
                        protocol: tcp
                        ports: 8080
                        from: client
                        to: server
                        since: "1.1"
                      - id: web-late
                        protocol: tcp
                        ports: "8000-8090"
                        from: client
                        to: server
                        since: "2.0"
                    """).replace("    to: server\n  - id: web-new", "    to: server\n    until: \"2.0\"\n"
                    + "  - id: web-new"));
            assertEquals(List.of("p.yaml:24:5: warning: rule 'web-new' opens TCP 8080 to 'server' that rule 'web' at "
                    + "p.yaml:18:5 already opens in version 1.1; merge the two rules or remove one",
                    "p.yaml:30:5: warning: rule 'web-late' opens TCP 8000-8090 (overlapping 8080) to 'server' that "
                    + "rule 'web-new' at p.yaml:24:5 already opens in version 2.0; merge the two rules or remove one"),
                    d);
            // two rules that meet in two of the three versions, and in every version (no versions named)
            List<String> two = Yaml.diagnostics(withRules("""
                      - id: web-new
                        protocol: tcp
                        ports: 8080
                        from: client
                        to: server
                        since: "1.1"
                    """));
            assertEquals(List.of("p.yaml:23:5: warning: rule 'web-new' opens TCP 8080 to 'server' that rule 'web' at "
                    + "p.yaml:18:5 already opens in versions 1.1 and 2.0; merge the two rules or remove one"), two);
            List<String> three = Yaml.diagnostics(withRules("""
                      - id: web-new
                        protocol: tcp
                        ports: 8080
                        from: client
                        to: server
                        since: "1.0"
                    """).replace("versions: [\"1.0\"", "versions: [\"0.9\", \"1.0\""));
            assertEquals(List.of("p.yaml:23:5: warning: rule 'web-new' opens TCP 8080 to 'server' that rule 'web' at "
                    + "p.yaml:18:5 already opens in versions 1.0 to 2.0; merge the two rules or remove one"), three);
            List<String> every = Yaml.diagnostics(withRules("""
                      - id: web-new
                        protocol: tcp
                        ports: 8080
                        from: client
                        to: server
                    """));
            assertEquals(List.of("p.yaml:23:5: warning: rule 'web-new' opens TCP 8080 to 'server' that rule 'web' at "
                    + "p.yaml:18:5 already opens; merge the two rules or remove one"), every);
        }

        @Test
        void ruleThatNamesNoRoleGeneratesNothing() {
            assertWarning(withRules("""
                      - id: r3
                        protocol: tcp
                        ports: 22
                        from: any
                        to: mirror
                    """), "p.yaml:23:5: warning: rule 'r3' names no role in 'from' or 'to', so it generates no "
                    + "firewall rule; name the role that sends or accepts this traffic");
        }

        @Test
        void unusedRoleAndAddress() {
            String yaml = Yaml.HEAD.replace("  - id: client\n", "  - id: client\n  - id: spare\n")
                    .replace("addresses:\n", "addresses:\n  - id: old-mirror\n    cidrs: [192.0.2.0/24]\n");
            assertWarning(yaml, "p.yaml:9:5: warning: role 'spare' is named in no rule's 'from' or 'to', so it gets "
                    + "no firewall rules; add the rules it needs or remove it");
            assertWarning(yaml, "p.yaml:11:5: warning: address 'old-mirror' is named in no rule's 'from' or 'to'; "
                    + "use it in a rule or remove it");
        }
    }
}
