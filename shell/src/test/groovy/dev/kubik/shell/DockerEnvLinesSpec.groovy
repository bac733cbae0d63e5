package dev.kubik.shell

import spock.lang.Specification

/** docker-env's lines are read back as one value by the shells they are for, whatever the value holds. */
class DockerEnvLinesSpec extends Specification {
    static final String AWKWARD = "/home/Ada O'Brien/\$HOME/\"x\"/a\\b/`id`"

    def "a POSIX shell reads the exported value back as it was"() {
        when:
        def line = DockerEnvCommand.setLine(DockerEnvCommand.Shell.bash, 'DOCKER_CERT_PATH', AWKWARD)
        def process = [shell, '-c', line + '\nprintf %s "$DOCKER_CERT_PATH"'].execute()
        def out = process.text

        then:
        process.waitFor() == 0
        out == AWKWARD

        where:
        shell << ['/bin/sh', '/bin/bash']
    }

    def "PowerShell and cmd lines quote as those shells do"() {
        expect:
        DockerEnvCommand.setLine(DockerEnvCommand.Shell.powershell, 'K', "a'b") == "\$Env:K = 'a''b'"
        DockerEnvCommand.setLine(DockerEnvCommand.Shell.cmd, 'K', 'C:\\a&b') == 'SET K=C:\\a^&b'
        DockerEnvCommand.setLine(DockerEnvCommand.Shell.fish, 'K', "a'b\\c") == "set -gx K 'a\\'b\\\\c';"
    }
}
