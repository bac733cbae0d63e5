package dev.kubik.shell

import com.fasterxml.jackson.databind.ObjectMapper
import com.networknt.schema.JsonSchemaFactory
import com.networknt.schema.SpecVersion
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The Jupyter kernel, tested with Jupyter's own tools from Debian (run with /usr/bin/python3): the conformance
 * suite, nbconvert executing a notebook, jupyter console, a killed client, and (with docker) live progress and
 * interrupts. The kernelspecs are installed by the real CLI into a temporary prefix on JUPYTER_PATH.
 */
@IgnoreIf(value = { !Kubik.jupyter() }, reason = "Jupyter's tools are not installed (scripts/setup.sh --jupyter)")
class KernelSpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared Path prefix = Files.createTempDirectory('kubik-jupyter')

    def setupSpec() {
        assert kubik.run('kernel', 'install', '--prefix', prefix.toString(), '--dry-run').exit == 0
        assert kubik.run('kernel', 'install', '--prefix', prefix.toString(), '--name', 'kubik-live').exit == 0
    }

    /** Runs a Jupyter tool with the kernelspecs on its path. */
    Kubik.Result jupyter(List<String> command, String stdin = null, File dir = null) {
        def builder = new ProcessBuilder(command).directory(dir)
        builder.environment().putAll(JUPYTER_PATH: prefix.resolve('share/jupyter').toString(),
                PYDEVD_DISABLE_FILE_VALIDATION: '1', KUBIK_HOME: kubik.home.toString(),
                KUBIK_NODE_IMAGE: Kubik.IMAGE, KUBECONFIG: kubik.home.resolve('kubeconfig').toString())
        def process = builder.start()
        process.outputStream.withCloseable { if (stdin != null) it.write(stdin.bytes) }
        Kubik.finish(process, 600)
    }

    def "kubik kernel install writes a kernelspec Jupyter can start: message interrupts, fast-start flags, a logo"() {
        when:
        def spec = new ObjectMapper().readTree(prefix.resolve('share/jupyter/kernels/kubik/kernel.json').toFile())
        def listed = jupyter(['jupyter', 'kernelspec', 'list'])

        then:
        spec.interrupt_mode.asText() == 'message'
        spec.language.asText() == 'groovy'
        spec.argv*.asText().containsAll(['dev.kubik.shell.kernel.KernelMain', '--dry-run', '--connection-file', '{connection_file}'])
        Files.size(prefix.resolve('share/jupyter/kernels/kubik/logo-64x64.png')) > 100
        listed.out =~ /(?m)^\s+kubik\s+\S+kernels\/kubik$/
        listed.out =~ /(?m)^\s+kubik-live\s+/
    }

    def "Jupyter's kernel conformance suite passes"() {
        when:
        def result = jupyter(['/usr/bin/python3', '-m', 'unittest', '-v', 'test_kubik_kernel'], null,
                new File('src/test/python'))

        then:
        result.err.contains('Ran 12 tests')
        result.err =~ /(?m)^OK$/
        result.exit == 0
    }

    def "nbconvert executes a notebook with the kubik kernel, and the result is a valid notebook"() {
        given:
        def dir = Files.createTempDirectory('nbconvert')
        Files.writeString(dir.resolve('in.ipynb'), '''{"cells": [
            {"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {}, "outputs": [], "source": "def n = 6\\nn * 7"},
            {"cell_type": "code", "execution_count": null, "id": "a2", "metadata": {}, "outputs": [],
             "source": "cluster('nbc') { driver 'docker'; nodes 2; kubernetes { bootstrapper 'none' } }"}],
            "metadata": {"kernelspec": {"name": "kubik", "display_name": "kubik", "language": "groovy"}},
            "nbformat": 4, "nbformat_minor": 5}''')

        when:
        def result = jupyter(['jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=kubik',
                              '--ExecutePreprocessor.record_timing=False', '--output', 'out.ipynb', 'in.ipynb'], null, dir.toFile())
        def notebook = new ObjectMapper().readTree(dir.resolve('out.ipynb').toFile())
        def schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(getClass().getResourceAsStream('/nbformat.v4.5.schema.json'))
        def validated = jupyter(['/usr/bin/python3', '-c', "import nbformat; nbformat.validate(nbformat.read('out.ipynb', as_version=4))"], null, dir.toFile())

        then:
        result.exit == 0
        validated.exit == 0
        schema.validate(notebook).isEmpty()
        notebook.cells[0].outputs[0].data.'text/plain'*.asText().join('') == '42'
        with(notebook.cells[1].outputs[0]) {
            output_type.asText() == 'display_data'
            data.'text/markdown'*.asText().join('').contains('| `+` | machine | nbc-m02 |')
            data.'text/html'*.asText().join('').contains('<td>nbc-m02</td>')
        }
    }

    def "jupyter console runs a line with the kubik kernel"() {
        when:
        def result = jupyter(['jupyter', 'console', '--kernel', 'kubik', '--simple-prompt'], 'def w = 2\nw * 21\n')

        then:
        result.out.contains('Out[2]: 42')
    }

    def "the kernel exits when the process that started it is killed"() {
        given: 'a client that starts a kernel, prints its pid and waits'
        def client = new ProcessBuilder('/usr/bin/python3', '-c', '''
import sys, time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name='kubik')
print(km.provisioner.process.pid, flush=True)
time.sleep(600)''')
        client.environment().putAll(JUPYTER_PATH: prefix.resolve('share/jupyter').toString(), PYDEVD_DISABLE_FILE_VALIDATION: '1')
        def process = client.start()
        long kernelPid = new BufferedReader(new InputStreamReader(process.inputStream)).readLine().strip() as long

        when:
        def kernel = ProcessHandle.of(kernelPid).orElseThrow()
        process.toHandle().destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)
        kernel.onExit().get(15, TimeUnit.SECONDS)

        then:
        !kernel.isAlive()
    }

    @IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
    def "a real plan shows its progress in place, and an interrupt stops it safely (docker)"() {
        when:
        def result = jupyter(['/usr/bin/python3', '-m', 'unittest', '-v', 'test_kubik_kernel_live'], null, new File('src/test/python'))

        then:
        result.err.contains('Ran 2 tests')
        result.err =~ /(?m)^OK$/
        result.exit == 0
        ['docker', 'ps', '-aq', '--filter', 'label=dev.kubik.cluster=kernellive'].execute().text.isBlank()
    }
}
