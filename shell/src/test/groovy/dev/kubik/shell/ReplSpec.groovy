package dev.kubik.shell

import spock.lang.IgnoreIf
import spock.lang.Specification

/** The console in a real terminal, plan-only (no docker needed): completion, continuation, commands, history. */
@IgnoreIf(value = { !Tmux.available() && System.getenv('CI') != 'true' }, reason = 'tmux is not installed (scripts/setup.sh installs it)')
class ReplSpec extends Specification {
    Kubik kubik = new Kubik()
    Tmux tmux = new Tmux(kubik)

    def cleanup() {
        tmux.close()
    }

    def "inside kubernetes { } Tab offers only the kubernetes keywords"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.line("cluster('lab') {")
        tmux.type('  kubernetes { ')
        tmux.keys('Tab')
        def screen = tmux.waitFor('serviceSubnet')

        then:
        ['podSubnet', 'runtime', 'bootstrapper', 'version', 'featureGates', 'extraConfig'].every { screen.contains(it) }
        !screen.contains('controlPlanes')
        !screen.contains('memory')
    }

    def "the console keeps a statement as it was typed: the spaces before a closing brace stay"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.line("cluster('typed') { kubernetes { bootstrapper 'none' } }")
        tmux.waitFor('Plan: 3 to add')
        tmux.line("cluster('lines') {")
        tmux.line("    nodes 2")
        tmux.line("  }")
        tmux.waitFor('Plan: 11 to add')
        tmux.line('/list')
        def screen = tmux.waitFor('2 : ')

        then:
        screen.contains("1 : cluster('typed') { kubernetes { bootstrapper 'none' } }")
        screen.contains("2 : cluster('lines') {\n          nodes 2\n        }")
    }

    def "a value is completed from the driver list"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.type("cluster { driver 'doc")
        tmux.keys('Tab')

        then:
        tmux.waitFor("driver 'docker'")
    }

    def "an unfinished block continues on the next lines and then shows its plan"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.line("cluster('lab') {")
        def continued = tmux.waitFor('...> ')
        tmux.line("  driver 'docker'")
        tmux.line('  nodes 2')
        tmux.line("  kubernetes { bootstrapper 'none' }")
        tmux.line('}')
        def screen = tmux.waitFor('Plan: 5 to add, 0 to change, 0 to destroy.')

        then:
        continued.contains('...> ')
        screen.contains('+ machine       lab-m02')
        !java.nio.file.Files.exists(kubik.home.resolve('profiles/lab/state.json'))
    }

    def "problems are shown with a caret under the column, and the session goes on"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.line("cluster { cpus 'two' }")
        def screen = tmux.waitFor('nothing was changed')

        then:
        screen.contains("<repl>:1:16: error: cpus takes a whole number, got 'two'")
        screen.contains('^')

        when:
        tmux.line('def n = 6 * 7')
        tmux.line('n')

        then:
        tmux.waitFor('==> 42')
    }

    def "/list, /drop and /save keep the accepted statements; the saved script validates"() {
        given:
        tmux.start('--dry-run')
        def saved = kubik.home.resolve('saved.kube.groovy')

        when:
        tmux.line('def size = 3')
        tmux.line("cluster('saved') { driver 'docker'; nodes size; kubernetes { bootstrapper 'none' } }")
        tmux.waitFor('Plan: 7 to add')
        tmux.line("cluster('saved') { driver 'docker'; nodes 1; kubernetes { bootstrapper 'none' } }")
        tmux.waitFor('Plan: 3 to add')
        tmux.line('def unused = 1')
        tmux.line('/drop 4')
        tmux.line('/list')
        def list = tmux.waitFor('3 : cluster')
        tmux.line("cluster('saved') { driver 'docker'; nodes size; kubernetes { bootstrapper 'none' } }")
        tmux.waitFor('Plan: 7 to add')
        tmux.line("/save $saved")
        def said = tmux.waitFor('Saved 2 statement(s)')
        def replay = kubik.run('run', saved.toString(), '--dry-run')

        then:
        list.contains('1 : def size = 3')
        !list.contains('4 : def unused')
        said.contains('left out, by their numbers in /list: 2 (superseded by 3), 3 (superseded by 4)')
        replay.exit == 0
        replay.out.contains('Plan: 7 to add, 0 to change, 0 to destroy.')

        when: 'the file name says notebook: its cells are the statements, and kubik notebook runs them'
        tmux.line("/save ${kubik.home.resolve('saved.md')}")
        tmux.line("/save ${kubik.home.resolve('saved.ipynb')}")
        tmux.waitFor('Saved 2 statement(s) to ' + kubik.home.resolve('saved.ipynb'))
        def markdown = kubik.run('notebook', kubik.home.resolve('saved.md').toString(), '--dry-run')
        def jupyter = kubik.run('notebook', kubik.home.resolve('saved.ipynb').toString(), '--dry-run')

        then:
        markdown.exit == 0
        java.nio.file.Files.readString(kubik.home.resolve('saved.md')).contains("```kubik\ndef size = 3\n```\n\n```kubik-output\n==> 3\n```\n\n```kubik\ncluster('saved')")
        java.nio.file.Files.readString(kubik.home.resolve('saved.md')).contains('Plan: 7 to add, 0 to change, 0 to destroy.\n```')
        jupyter.exit == 0
        java.nio.file.Files.readString(kubik.home.resolve('saved.ipynb')).contains('"name": "kubik"')
    }

    def "the commands come from one registry: Tab lists them, /help describes each, an unknown one names them all"() {
        given:
        tmux.start('--dry-run')

        when:
        tmux.type('/')
        tmux.keys('Tab')
        def listed = tmux.waitFor('/reload')
        tmux.keys('C-u')
        tmux.type('/set feed')
        tmux.keys('Tab')
        def completed = tmux.waitFor('/set feedback')
        tmux.keys('C-u')
        tmux.line('/help')
        def help = tmux.waitFor('leave (as Ctrl-D)')
        tmux.line('/nosuch')
        def unknown = tmux.waitFor('Unknown command /nosuch')

        then:
        def names = ['/list', '/drop', '/save', '/open', '/reload', '/plan', '/vars', '/status', '/profiles', '/drivers',
                     '/history', '/set', '/help', '/exit']
        names.every { listed.contains(it) }
        completed.contains('/set feedback')
        ['/drop N', '/status [P]', '/help [KEYWORD]', 'start over and replay the statements'].every { help.contains(it) }
        unknown.contains('Commands: ' + names.join(' '))
    }

    def "history survives a restart"() {
        given:
        tmux.start('--dry-run')
        tmux.line('def remembered = 12345')
        tmux.waitFor('kubik> ', 2)
        tmux.keys('C-d')
        sleep(1500)
        tmux.close()

        when:
        def again = new Tmux(kubik).start('--dry-run')
        again.keys('Up')
        def screen = again.waitFor('def remembered = 12345')
        again.close()

        then:
        screen.contains('kubik> def remembered = 12345')
    }
}
