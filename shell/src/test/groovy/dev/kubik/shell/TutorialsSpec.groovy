package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Every tutorial in examples/tutorials is run with --check, so a change in kubik's output that a tutorial did not
 * follow fails the build. Those that make machines need docker; the Kubernetes one is read with --dry-run.
 */
class TutorialsSpec extends Specification {
    static final Path TUTORIALS = Path.of('../examples/tutorials')
    Kubik kubik = new Kubik()

    def "the Kubernetes tutorial's plans and errors are what it says (--dry-run)"() {
        when:
        def result = kubik.run('notebook', TUTORIALS.resolve('03-kubernetes-with-kubeadm.md').toString(), '--dry-run', '--check')

        then:
        result.exit == 0
        result.out.contains("Every cell's output matches the stored one.")
    }

    @IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
    def "#tutorial makes, changes and removes its machines as it says"() {
        given:
        def before = Files.readString(TUTORIALS.resolve(tutorial))

        when:
        def result = kubik.run('notebook', TUTORIALS.resolve(tutorial).toString(), '--check')

        then:
        result.exit == 0
        result.out.contains("Every cell's output matches the stored one.")
        Files.readString(TUTORIALS.resolve(tutorial)) == before
        // It cleans up after itself: nothing of it is left on docker.
        ['docker', 'ps', '-aq', '--filter', "label=dev.kubik.cluster=${tutorial.startsWith('01') ? 'tutorial1' : 'tutorial2'}"]
                .execute().text.isBlank()

        where:
        tutorial << ['01-first-cluster.md', '02-scale-and-resize.md']
    }

    def "a tutorial whose stored output no longer matches fails with a diff"() {
        given:
        def copy = Files.createTempFile('tutorial', '.md')
        Files.writeString(copy, Files.readString(TUTORIALS.resolve('03-kubernetes-with-kubeadm.md'))
                .replace('Plan: 18 to add', 'Plan: 17 to add'))

        when:
        def result = kubik.run('notebook', copy.toString(), '--dry-run', '--check')

        then:
        result.exit == 1
        result.out.contains('cell 1: the output differs from the stored one')
        result.out.contains('- Plan: 17 to add, 0 to change, 0 to destroy.\n+ Plan: 18 to add, 0 to change, 0 to destroy.')
    }
}
