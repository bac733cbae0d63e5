package dev.kubik.shell.repl

import spock.lang.Specification

import static dev.kubik.shell.repl.SessionStatements.Statement

class SessionStatementsSpec extends Specification {
    def statements = new SessionStatements()

    def "what is saved replays to the end state: failed applies and superseded clusters are left out, saying why"() {
        given:
        statements.add(new Statement('def size = 2', [], false))
        statements.add(new Statement("cluster('dev') { nodes size }", ['dev'], false))
        statements.add(new Statement("cluster('dev') { nodes 9 }", ['dev'], true))
        statements.add(new Statement("cluster('ci') { nodes 1 }", ['ci'], false))
        statements.add(new Statement("cluster('dev') { nodes 3 }", ['dev'], false))

        when:
        def replayable = statements.replayable()

        then:
        replayable.statements() == ['def size = 2', "cluster('ci') { nodes 1 }", "cluster('dev') { nodes 3 }"]
        replayable.leftOut() == ['2 (superseded by 5)', '3 (failed when applied)']
        statements.texts().size() == 5 // /list still shows the whole session
    }

    def "a statement is kept while any cluster it defined is not defined again by one that succeeded"() {
        given:
        statements.add(new Statement("cluster('a') {}; cluster('b') {}", ['a', 'b'], false))
        statements.add(new Statement("cluster('a') { nodes 2 }", ['a'], false))
        statements.add(new Statement("cluster('b') { nodes 2 }", ['b'], true))

        expect:
        statements.replayable().statements() == ["cluster('a') {}; cluster('b') {}", "cluster('a') { nodes 2 }"]
    }
}
