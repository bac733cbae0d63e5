package dev.kubik.shell

import picocli.CommandLine
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.Executors

/**
 * The sandbox through the real command: every escape attempt of the corpus, as a user would run a script from a
 * stranger (kubik run FILE --dry-run), exits 2 with the refusal at its line and column and touches nothing; trust
 * is given on purpose, for one file's exact content; every command answers --help.
 */
class SandboxCliSpec extends Specification {
    static final Path CANARY = Paths.get('/tmp/kubik-escape-canary')
    Kubik kubik = new Kubik()

    static List<Path> escapes() {
        Files.list(Paths.get('../dsl/src/test/resources/escapes')).withCloseable {
            it.filter { it.toString().endsWith('.kube.groovy') }.sorted().toList()
        }
    }

    def setup() {
        Files.deleteIfExists(CANARY)
    }

    def "every escape attempt exits 2 at its line and column, with the way out, and creates nothing"() {
        given: 'two at a time: each is a JVM of its own'
        def pool = Executors.newFixedThreadPool(2)

        when:
        def failures = escapes().collect { file ->
            pool.submit({
                def result = kubik.run('run', file.toString(), '--dry-run')
                def ok = result.exit == 2 && result.err =~ /${java.util.regex.Pattern.quote(file.toString())}:\d+:\d+: error: refused: / &&
                        result.err.contains("kubik trust ${file}") && result.err.contains('nothing was changed')
                ok ? null : "$file.fileName: $result".toString()
            } as java.util.concurrent.Callable<String>)
        }.collect { it.get() }.findAll()
        pool.shutdown()

        then:
        escapes().size() >= 30
        failures == []
        !Files.exists(CANARY)
        !Files.exists(kubik.home.resolve('profiles'))
    }

    def "trust is for a file's exact content: trusted it runs, changed it is refused again, revoked it is refused"() {
        given:
        def marker = kubik.home.resolve('made-by-trusted-script')
        def script = kubik.home.resolve('mine.kube.groovy')
        Files.writeString(script, "new File('${marker}').text = 'yes'\n")

        expect: 'untrusted: refused'
        kubik.run('run', script.toString()).exit == 2
        !Files.exists(marker)

        when:
        def trusted = kubik.run('trust', script.toString())
        def ran = kubik.run('run', script.toString())

        then:
        trusted.exit == 0
        ran.exit == 0
        Files.readString(marker) == 'yes'
        kubik.run('trust', '--list').out.contains("trusted   ${script}")

        when: 'the file changes'
        Files.delete(marker)
        Files.writeString(script, "new File('${marker}').text = 'changed'\n")
        def changed = kubik.run('run', script.toString())

        then:
        changed.exit == 2
        !Files.exists(marker)
        kubik.run('trust', '--list').out.contains("changed   ${script}")

        when: '--trust trusts one run; then the trust is revoked'
        def once = kubik.run('run', script.toString(), '--trust')
        kubik.run('trust', script.toString())
        def revoked = kubik.run('trust', '--revoke', script.toString())
        Files.delete(marker)

        then:
        once.exit == 0
        revoked.out.contains('Revoked')
        kubik.run('run', script.toString()).exit == 2
        !Files.exists(marker)
    }

    def "kubectl in an untrusted script only reads; a trusted one may do more"() {
        when:
        def cp = kubik.run(['run', '-', '--dry-run'], "kubectl('cp pod:/etc/passwd /tmp/x')")
        def kubeconfig = kubik.run(['run', '-', '--dry-run'], "kubectl('get pods --kubeconfig=/etc/shadow')")
        def read = kubik.run(['run', '-', '--dry-run'], "println kubectl('version --client')")

        then:
        cp.exit == 2
        cp.err.contains('<stdin>:1:1: error: refused: kubectl cp')
        kubeconfig.err.contains('refused: kubectl --kubeconfig')
        read.exit == 0
        read.out.contains('Client Version')
    }

    def "every command and subcommand answers -h and --help"() {
        given:
        def cli = new CommandLine(new Main())
        Main.withHelp(cli)
        def paths = []
        def walk
        walk = { CommandLine c, List<String> path ->
            paths << path
            c.subcommands.each { name, sub -> if (name == sub.commandName) walk(sub, path + name) }
        }
        walk(cli, [])

        when: 'in this JVM (help reads no state); fifty child JVMs would add a minute to the build'
        def failures = paths.collectMany { path ->
            ['--help', '-h'].collect { flag ->
                def out = new ByteArrayOutputStream()
                def saved = System.out
                System.out = new PrintStream(out, true)
                int exit
                try { exit = Main.execute(*(path + flag)) } finally { System.out = saved }
                exit == 0 && out.toString().contains('Usage: kubik') ? null : "${(path + flag).join(' ')}: exit $exit\n$out".toString()
            }
        }.findAll()

        then:
        paths.size() > 15
        failures == []
    }
}
