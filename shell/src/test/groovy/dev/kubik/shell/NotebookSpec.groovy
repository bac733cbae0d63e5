package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import com.networknt.schema.JsonSchemaFactory
import com.networknt.schema.SpecVersion
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * kubik notebook, through the real CLI, with dry runs (no driver needed): outputs written after their cells,
 * byte-identical re-runs, failures, --keep-going, --check, --out, the sandbox, and Jupyter notebooks validated
 * against nbformat's own schema (copied from Debian's python3-nbformat).
 */
class NotebookSpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    Path dir = Files.createTempDirectory('kubik-notebook')

    static final String TUTORIAL = '''\
        |# A first cluster
        |
        |Prose stays as it is.
        |
        |```kubik
        |def workers = 2
        |cluster('nb') { driver 'docker'; nodes workers + 1; kubernetes { bootstrapper 'none' } }
        |```
        |
        |```bash
        |echo this fence is prose
        |```
        |
        |```kubik
        |println "workers: $workers"
        |workers * 21
        |```
        |'''.stripMargin()

    Path write(String name, String text) {
        Files.writeString(dir.resolve(name), text)
    }

    def "each cell's output is written after it, the rest of the file is left alone, and a re-run changes nothing"() {
        given:
        def file = write('first.md', TUTORIAL)
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rw-r-----'))

        when:
        def run = kubik.run('notebook', file.toString(), '--dry-run')
        def once = Files.readString(file)
        def again = kubik.run('notebook', file.toString(), '--dry-run')

        then:
        run.exit == 0
        once.startsWith(TUTORIAL.substring(0, TUTORIAL.indexOf('```bash')).replace('```\n\n', '```\n\n```kubik-output\n').substring(0, 60))
        once.contains('''```

```kubik-output
kubik will perform these actions on cluster 'nb' (driver docker):''')
        once.contains('Plan: 7 to add, 0 to change, 0 to destroy.\n```\n\n```bash\necho this fence is prose\n```\n')
        once.endsWith('```\n\n```kubik-output\nworkers: 2\n==> 42\n```\n')
        again.exit == 0
        Files.readString(file) == once
        Files.getPosixFilePermissions(file) == PosixFilePermissions.fromString('rw-r-----')
        Files.list(dir).withCloseable { it.toList() } == [file] // no temporary file left beside it
        !Files.exists(kubik.home.resolve('profiles/nb'))
    }

    def "the first failing cell stops the run with its error below it, at the line and column inside the cell"() {
        given:
        def file = write('fails.md', TUTORIAL + '''
            |```kubik
            |cluster('nb') { nodes 'x' }
            |```
            |
            |```kubik
            |println 'after the failure'
            |```
            |'''.stripMargin())

        when:
        def stopped = kubik.run('notebook', file.toString(), '--dry-run')
        def stoppedText = Files.readString(file)
        def going = kubik.run('notebook', file.toString(), '--dry-run', '--keep-going')

        then:
        stopped.exit == 1
        stoppedText.contains("```kubik-output\ncell 3:1:23: error: nodes takes a whole number, got 'x'")
        !stoppedText.contains('```kubik-output\nafter the failure')
        going.exit == 1
        Files.readString(file).contains('```kubik-output\nafter the failure\n```')
    }

    def "--check compares with the stored outputs after normalising what varies, writes nothing, and shows a diff"() {
        given:
        def file = write('check.md', TUTORIAL)
        kubik.run('notebook', file.toString(), '--dry-run')
        def stored = Files.readString(file)
        // What always varies between runs must not count.
        Files.writeString(file, stored.replace('workers: 2', 'workers: 2 (0.4 s at 127.0.0.1:41234)'))
        def varies = kubik.run('notebook', file.toString(), '--dry-run', '--check')
        Files.writeString(file, stored.replace('==> 42', '==> 43'))

        when:
        def differs = kubik.run('notebook', file.toString(), '--dry-run', '--check')

        then:
        kubik.run('notebook', write('same.md', stored).toString(), '--dry-run', '--check').exit == 0
        varies.exit == 1 // the text around the time and address is new
        differs.exit == 1
        differs.out.contains('cell 2: the output differs from the stored one')
        differs.out.contains('- ==> 43\n+ ==> 42\n')
        Files.readString(file) == stored.replace('==> 42', '==> 43')
    }

    def "--out writes the result elsewhere and leaves the tutorial as it was"() {
        given:
        def file = write('source.md', TUTORIAL)

        when:
        def result = kubik.run('notebook', file.toString(), '--dry-run', '--out', dir.resolve('result.md').toString())

        then:
        result.exit == 0
        Files.readString(file) == TUTORIAL
        Files.readString(dir.resolve('result.md')).contains('```kubik-output\nworkers: 2\n==> 42\n```')
    }

    def "cells run in the sandbox unless the notebook is trusted"() {
        given:
        def file = write('escape.md', '```kubik\nnew File("/etc/hostname").text\n```\n')

        when:
        def sandboxed = kubik.run('notebook', file.toString(), '--dry-run')
        def sandboxedText = Files.readString(file)
        def trusted = kubik.run('notebook', file.toString(), '--dry-run', '--trust')

        then:
        sandboxed.exit == 1
        sandboxedText.contains('```kubik-output\ncell 1:1:')
        sandboxedText.contains('refused: creating java.io.File')
        sandboxedText.contains('if you trust this notebook: kubik trust NOTEBOOK')
        trusted.exit == 0
        Files.readString(file).contains('==> ' + Files.readString(Path.of('/etc/hostname')).strip())
    }

    def "kubik trust covers a notebook's code, so its outputs changing on every run keep it trusted; new code does not"() {
        given:
        def file = write('trusted.md', '```kubik\nnew File("/etc/hostname").text\n```\n')

        when:
        kubik.run('trust', file.toString())
        def first = kubik.run('notebook', file.toString(), '--dry-run')
        def second = kubik.run('notebook', file.toString(), '--dry-run')
        Files.writeString(file, Files.readString(file) + '\n```kubik\nnew File("/etc/passwd").text\n```\n')
        def edited = kubik.run('notebook', file.toString(), '--dry-run')

        then:
        first.exit == 0
        second.exit == 0
        edited.exit == 1
        Files.readString(file).contains('refused: creating java.io.File')
    }

    def "a Jupyter notebook gets stream, execute_result and error outputs with counts and ids, valid for nbformat 4.5"() {
        given:
        def file = write('tutorial.ipynb', '''{
            | "cells": [
            |  {"cell_type": "markdown", "metadata": {}, "source": ["# A notebook"]},
            |  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
            |   "source": ["def n = 2\\n", "cluster('nbj') { driver 'docker'; nodes n; kubernetes { bootstrapper 'none' } }"]},
            |  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "println 'hi'\\nn * 2"},
            |  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "cluster('nbj') { cpus 'many' }"}
            | ],
            | "metadata": {}, "nbformat": 4, "nbformat_minor": 4
            |}'''.stripMargin())

        when:
        def result = kubik.run('notebook', file.toString(), '--dry-run', '--keep-going')
        def text = Files.readString(file)
        def notebook = new ObjectMapper().readTree(text)
        def schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(getClass().getResourceAsStream('/nbformat.v4.5.schema.json'))
        def again = kubik.run('notebook', file.toString(), '--dry-run', '--keep-going')

        then:
        result.exit == 1
        schema.validate(notebook).isEmpty()
        notebook.nbformat_minor.asInt() == 5
        notebook.metadata.kernelspec.name.asText() == 'kubik'
        notebook.cells.every { it.id.asText() ==~ /[a-f0-9]{8}/ }
        def (plan, values, error) = notebook.cells.toList().drop(1)
        plan.execution_count.asInt() == 1
        plan.outputs[0].text.toList()*.asText().join('').contains('Plan: 5 to add')
        values.outputs*.output_type*.asText() == ['stream', 'execute_result']
        values.outputs[1].data.'text/plain'[0].asText() == '4'
        values.outputs[1].execution_count.asInt() == 2
        error.outputs[0].output_type.asText() == 'error'
        error.outputs[0].evalue.asText() == "cell 3:1:23: error: cpus takes a whole number, got 'many'"
        again.exit == 1
        Files.readString(file) == text
    }

    def "what is not a notebook is refused clearly"() {
        expect:
        with(kubik.run('notebook', write('broken.ipynb', '{"cells": [').toString(), '--dry-run')) {
            exit == 2
            err.contains('broken.ipynb: not a Jupyter notebook (JSON)')
        }
        kubik.run('notebook', dir.resolve('missing.md').toString()).exit == 2
    }
}
