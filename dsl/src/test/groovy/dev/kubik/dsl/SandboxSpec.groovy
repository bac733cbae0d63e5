package dev.kubik.dsl

import com.fasterxml.jackson.databind.ObjectMapper
import dev.kubik.dsl.lang.DslSession
import dev.kubik.dsl.source.ScriptProblemsException
import dev.kubik.dsl.source.ScriptSource
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * Untrusted scripts run in a sandbox. The escape corpus (resources/escapes) holds attempts to reach the host, each
 * aiming at a canary file; every one must be refused with its exact problems, and the canary must not appear.
 * The CLI runs the same corpus for exit codes and state.
 */
class SandboxSpec extends Specification {
    static final Path CANARY = Paths.get('/tmp/kubik-escape-canary')

    static List<Path> corpus() {
        Path dir = Paths.get(SandboxSpec.getResource('/escapes').toURI())
        Files.list(dir).withCloseable { it.filter { it.toString().endsWith('.kube.groovy') }.sorted().toList() }
    }

    static List<String> expectation(Path file) {
        new ObjectMapper().readValue(Files.readAllLines(file)[0].substring('// expect: '.length()), List)
    }

    def setup() {
        Files.deleteIfExists(CANARY)
    }

    def "the corpus holds at least 30 escape attempts"() {
        expect:
        corpus().size() >= 30
    }

    def "#file.fileName is refused where it stands, and touches nothing"() {
        when:
        new DslSession(Fixtures.validator(), 'kubik', [:]).evaluate(ScriptSource.of(file))

        then:
        def e = thrown(ScriptProblemsException)
        e.problems().collect { "${it.at().line()}:${it.at().column()} ${it.message()}".toString() } == expectation(file)
        e.problems().every { it.message().startsWith('refused: ') && it.valid().contains("kubik trust ${file}") }
        !Files.exists(CANARY)

        where:
        file << corpus()
    }

    def "ordinary Groovy runs untrusted: variables, functions, closures, loops, maths, strings, collections, vars and env"() {
        when:
        def result = Fixtures.run('''
def workers = (vars.workers ?: '2').toInteger()
def label(String tier, int i) { "${tier}-${i}".toUpperCase() }
def sizes = [small: 2048, large: 4096]
def memoryFor = { String size -> Math.max(sizes[size], 1800) }
cluster('dev') {
    driver 'docker'
    cpus Math.min(workers, 2)
    memory memoryFor('large')
    (1..workers).each { i ->
        node("w${i}") { labels tier: label('db', i).toLowerCase() }
    }
}
def names = ['a', 'b', 'c'].collect { it * 2 }.findAll { it != 'bb' }.join(',')
assert names == 'aa,cc'
assert String.format('%03d', 7) == '007'
for (int i = 0; i < 3; i++) { sizes["n$i"] = i }
assert sizes.size() == 5 && sizes.n2 == 2
def m = [:]; m.x = 1; m['y'] = 2
try { throw new IllegalStateException('caught') } catch (IllegalStateException e) { assert e.message == 'caught' }
"${names}/${env.containsKey('PATH')}"
''', 'ok.kube.groovy', [workers: '2'])

        then:
        result.value() == 'aa,cc/true'
        def spec = result.clusters()[0].spec()
        spec.nodes()*.name() == ['dev', 'dev-w1', 'dev-w2']
        spec.primary().resources().memoryMiB() == 4096
        spec.nodes()[1].labels() == [tier: 'db-1']
    }

    def "a cluster statement's result is a record the script can read, and nothing more"() {
        expect:
        Fixtures.run("def c = cluster('x') { nodes 2 }\nc.nodes().size() + ':' + c.name").value() == '2:x'
        Fixtures.problems("def c = cluster('x') { }\nc.getClass()") == ['2:1 refused: calling getClass()']
    }

    def "env is read-only"() {
        expect:
        Fixtures.problems("env.PATH = '/tmp'") == ['1:1 the script threw UnsupportedOperationException']
    }

    def "a refusal cannot be caught and ignored"() {
        expect:
        Fixtures.problems('''
try { def n = 'exe' + 'cute'; 'id'."$n"() } catch (Exception e) { println 'swallowed' }
cluster { }''') == ["2:31 refused: calling execute() on java.lang.String (untrusted scripts may not)"]
    }

    def "a trusted session runs what the sandbox refuses"() {
        when:
        def result = new DslSession(Fixtures.validator(), 'kubik', [:]).trusting(true)
                .evaluate(new ScriptSource('t.kube.groovy', '"x".getClass().name + ":" + this.class.simpleName.startsWith("kubik_script")'))

        then:
        result.value() == 'java.lang.String:true'
    }

    def "the console's trust switch keeps the session's variables"() {
        given:
        def console = DslSession.forConsole(Fixtures.validator(), 'kubik', [:])
        console.evaluate(new ScriptSource('<repl>', 'def n = 41'))

        when:
        console.evaluate(new ScriptSource('<repl>', 'n.getClass()'))

        then:
        def e = thrown(ScriptProblemsException)
        e.problems()[0].valid().contains('/set trust on')

        expect:
        console.trusting(true).evaluate(new ScriptSource('<repl>', 'n.getClass().simpleName + (n + 1)')).value() == 'Integer42'
    }
}
