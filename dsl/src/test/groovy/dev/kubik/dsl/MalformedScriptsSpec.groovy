package dev.kubik.dsl

import dev.kubik.dsl.source.ScriptProblemsException
import dev.kubik.dsl.source.ScriptSource
import com.fasterxml.jackson.databind.ObjectMapper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The malformed-input corpus: every file under resources/malformed names, on its first line, the exact
 * problems (line:column message) kubik must report. The CLI runs the same corpus to check exit codes and that
 * nothing is written.
 */
class MalformedScriptsSpec extends Specification {

    static List<Path> corpus() {
        Path dir = Paths.get(MalformedScriptsSpec.getResource('/malformed').toURI())
        Files.list(dir).withCloseable { it.filter { it.toString().endsWith('.kube.groovy') }.sorted().toList() }
    }

    static Object expectation(Path file) {
        String header = Files.readAllLines(file)[0]
        assert header.startsWith('// expect: ')
        String spec = header.substring('// expect: '.length())
        spec == 'syntax' ? 'syntax' : new ObjectMapper().readValue(spec, List)
    }

    def "the corpus is large enough to mean something"() {
        expect:
        corpus().size() >= 30
    }

    def "#file.fileName reports exactly its problems, each with file, line and column"() {
        given:
        def source = ScriptSource.of(file)

        when:
        new dev.kubik.dsl.lang.DslSession(Fixtures.validator(), 'kubik', [:]).evaluate(source)

        then:
        def e = thrown(ScriptProblemsException)
        def found = e.problems().collect { "${it.at().line()}:${it.at().column()} ${it.message()}".toString() }
        e.problems().every { it.at().source() == file.toString() }
        def expected = expectation(file)
        if (expected == 'syntax') {
            assert found.size() >= 1 && found.every { it.contains(' syntax error: ') }
        } else {
            assert found == expected
        }
        // The rendered form names the file, line and column, and says nothing was changed.
        def rendered = e.render()
        e.problems().every { rendered.contains("${file}:${it.at().line()}:${it.at().column()}: error: ") }
        rendered.endsWith('; nothing was changed.\n')

        where:
        file << corpus()
    }
}
