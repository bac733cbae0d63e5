package dev.kubik.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import spock.lang.IgnoreIf
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * kubik service, tunnel and dashboard on a real node container. No kube-apiserver can run here, so the node's
 * API port is served by a stand-in speaking the API's REST JSON (src/test/resources/stand-in-api) behind socat's
 * TLS, with the cluster's serving certificate and its CA checking kubik's client certificate; the node ports
 * kube-proxy would serve are served on the node by socat. Everything between kubik and those is real: the
 * published API port, TLS, the node's network, SSH forwards, kubectl proxy.
 */
@Stepwise
@IgnoreIf(value = { !Kubik.e2e() }, reason = 'no docker daemon here (CI=true or -Dkubik.e2e=true makes this an error)')
class ServicesE2ESpec extends Specification {
    @Shared Kubik kubik = new Kubik()
    @Shared String nodeIp

    def ssh(String command, String stdin = null) {
        kubik.run(['ssh', '-p', 'e2esvc', '--', command], stdin)
    }

    /** The requests the stand-in API has answered, one "METHOD PATH BODY" a line. */
    List<String> requests() {
        ssh('cat /var/tmp/kubik-stand-in-api.log').out.readLines()
    }

    def setupSpec() {
        kubik.standInBinaries()
        def run = kubik.run('run', kubik.cluster('e2esvc', "addons 'dashboard'").toString())
        assert run.exit == 0: run
        nodeIp = kubik.run('ip', '-p', 'e2esvc').out.trim()
        // The stand-ins and the API's objects travel as one tar, base64 on standard input.
        def resources = Path.of(getClass().getResource('/stand-in-api/bin/kubik-stand-in-api').toURI()).parent.parent
        def tar = ['tar', '-C', resources.toString(), '--transform', 's,^objects,var/tmp/kubik-stand-in-api,',
                   '--transform', 's,^bin,usr/local/bin,', '-cz', 'objects', 'bin', 'etc'].execute()
        def packed = tar.inputStream.bytes.encodeBase64().toString()
        assert tar.waitFor() == 0
        assert ssh('base64 -d | sudo tar -xz -C / --no-same-owner && sudo chmod 755 /usr/local/bin/kubik-stand-in-*', packed).exit == 0
        def certs = '/var/lib/kubik/certs'
        def served = ssh("sudo sh -c 'touch /var/tmp/kubik-stand-in-api.log && chmod 666 /var/tmp/kubik-stand-in-api.log; " +
                "OPENSSL_CONF=/etc/kubik-stand-in-api.cnf nohup socat OPENSSL-LISTEN:8443,reuseaddr,fork,cert=$certs/apiserver.crt,key=$certs/apiserver.key,cafile=$certs/ca.crt,verify=1 " +
                "EXEC:/usr/local/bin/kubik-stand-in-api >/var/tmp/socat-api.log 2>&1 & " +
                // What kube-proxy would serve on every node for the two node ports.
                "nohup socat TCP-LISTEN:30080,reuseaddr,fork EXEC:/usr/local/bin/kubik-stand-in-web >/dev/null 2>&1 & " +
                "nohup socat TCP-LISTEN:30081,reuseaddr,fork SYSTEM:\"echo hello from lb\" >/dev/null 2>&1 &'")
        assert served.exit == 0: served
        // Until the stand-in answers through the published port.
        assert (1..50).any { kubik.run('service', 'web', '--url', '-p', 'e2esvc').exit == 0 || { Thread.sleep(200); false }() }
    }

    def cleanupSpec() {
        kubik.run('delete', 'e2esvc')
    }

    def "service --url prints a NodePort service's URL at the node's address, read from the API with kubik's client certificate"() {
        when:
        def result = kubik.run('service', 'web', '--url', '-p', 'e2esvc')

        then: "the docker driver's nodes are on the host's network: the node port at the node's address, and it answers there"
        result.exit == 0
        result.out == "http://$nodeIp:30080\n"
        new URL(result.out.trim()).text.contains('hello from web')
        requests().contains('GET /api/v1/namespaces/default/services/web ')
    }

    def "without --url it shows minikube's table; services without node ports and unknown ones are refused with what there is"() {
        when:
        def table = kubik.run('service', 'web', '-p', 'e2esvc')
        def clusterIp = kubik.run('service', 'db', '-p', 'e2esvc')
        def unknown = kubik.run('service', 'nope', '-p', 'e2esvc')
        def badName = kubik.run('service', 'Web_1', '-p', 'e2esvc')

        then:
        table.exit == 0
        table.out.readLines()[0] ==~ /NAMESPACE\s+NAME\s+TARGET PORT\s+URL/
        table.out.readLines()[1] ==~ /default\s+web\s+http\/80\s+http:\/\/${java.util.regex.Pattern.quote(nodeIp)}:30080/
        table.err.contains('no desktop browser here')
        clusterIp.exit == 1
        clusterIp.err.contains('service default/db has no TCP node port (type ClusterIP)')
        unknown.exit == 1
        unknown.err.contains("cluster 'e2esvc' has no service 'nope' in namespace default")
        unknown.err.contains('services in default: kubernetes, web, db')
        badName.exit == 1
        badName.err.contains("'Web_1' is not a service name")
        !requests().any { it.contains('Web_1') }
    }

    def "tunnel makes a LoadBalancer service reachable on 127.0.0.1 at its port and sets its external IP; on exit it clears it"() {
        when:
        def tunnel = kubik.start(['tunnel', '-p', 'e2esvc', '--interval', '1'])
        def lines = lines(tunnel)
        def opened = await(lines, 'Tunnel for service shop/lb: 127.0.0.1:38080')

        then: 'through an SSH forward into the node, to the node port; the UDP port is said to be left out'
        opened == 'Tunnel for service shop/lb: 127.0.0.1:38080 -> port 38080/TCP (node port 30081)'
        new Socket('127.0.0.1', 38080).withCloseable { it.inputStream.newReader().readLine() } == 'hello from lb'
        requests().contains('PATCH /api/v1/namespaces/shop/services/lb/status {"status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}')

        when: 'it ends as Ctrl-C ends it'
        tunnel.destroy()
        assert tunnel.waitFor(30, TimeUnit.SECONDS)

        then:
        requests().last() == 'PATCH /api/v1/namespaces/shop/services/lb/status {"status":{"loadBalancer":{"ingress":null}}}'
        refused(38080)
    }

    def "dashboard --url serves the dashboard addon through kubectl proxy on 127.0.0.1"() {
        given: "kubectl from PATH (the cache's kubectl is the stand-in, which serves nothing)"
        ['cache/linux/amd64', 'mirror/release'].each { Files.deleteIfExists(kubik.home.resolve("$it/$Kubik.K8S/${it == 'mirror/release' ? 'bin/linux/amd64/' : ''}kubectl")) }

        when:
        def dashboard = kubik.start(['dashboard', '--url', '-p', 'e2esvc'])
        def url = await(lines(dashboard), 'http://')

        then:
        url ==~ /http:\/\/127\.0\.0\.1:[0-9]+\/api\/v1\/namespaces\/kubernetes-dashboard\/services\/http:kubernetes-dashboard:\/proxy\//
        new URL(url).text.contains('<title>Kubernetes Dashboard</title>')
        requests().contains('GET /api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/ ')

        cleanup:
        dashboard?.destroy()
    }

    def "dashboard is refused on a cluster without the addon"() {
        given:
        def file = kubik.cluster('e2esvc', '')

        when: 'the addon goes'
        assert kubik.run('run', file.toString()).exit == 0
        def refused = kubik.run('dashboard', '--url', '-p', 'e2esvc')

        then:
        refused.exit == 1
        refused.err.contains("the dashboard addon is not enabled on 'e2esvc'")
    }

    private static LinkedBlockingQueue<String> lines(Process process) {
        def queue = new LinkedBlockingQueue<String>()
        // The readers end with the process (destroy closes its streams under them).
        Thread.start { try { process.inputStream.newReader().eachLine { queue.add(it) } } catch (IOException ignored) { } }
        Thread.start { try { process.errorStream.newReader().eachLine { System.err.println(it) } } catch (IOException ignored) { } }
        queue
    }

    private static String await(LinkedBlockingQueue<String> lines, String start) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (System.nanoTime() < deadline) {
            def line = lines.poll(1, TimeUnit.SECONDS)
            if (line?.startsWith(start)) return line
        }
        throw new AssertionError("no line starting with '$start' within 60 s")
    }

    private static boolean refused(int port) {
        try {
            new Socket('127.0.0.1', port).close()
            return false
        } catch (ConnectException ignored) {
            return true
        }
    }
}
