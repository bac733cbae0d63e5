package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.ClusterServices;
import dev.kubik.spi.DriverException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubik dashboard}, as {@code minikube dashboard}: the dashboard addon's service through {@code kubectl proxy}
 * on 127.0.0.1 (the cluster's kubectl, as {@code kubik kubectl} finds it), its URL printed or opened, for as long
 * as this runs.
 */
@Command(name = "dashboard", description = "Serves the dashboard addon on 127.0.0.1 through kubectl proxy while it runs: kubik dashboard [--url] [--port N] [-p PROFILE]")
final class DashboardCommand implements Callable<Integer> {
    static final String NAMESPACE = "kubernetes-dashboard";
    static final String SERVICE = "kubernetes-dashboard";
    /** The API server's proxy to the service's port named http, as minikube's URL has it. */
    static final String PATH = "/api/v1/namespaces/" + NAMESPACE + "/services/http:" + SERVICE + ":/proxy/";
    /** What kubectl proxy prints once it listens. */
    private static final Pattern SERVING = Pattern.compile("Starting to serve on ([0-9.]+):([0-9]+)");

    @Option(names = "--url", description = "print the URL and open nothing")
    boolean url;

    @Option(names = "--port", defaultValue = "0", description = "the proxy's port on 127.0.0.1 (default: any free one)")
    int port;

    @Mixin
    ProfileOption profile;

    @Override
    public Integer call() throws Exception {
        String cluster = profile.orDefault();
        ClusterService service = Main.service();
        boolean enabled = service.state(cluster).map(s -> s.addons().contains("dashboard")).orElse(false);
        if (!enabled) {
            throw new DriverException("the dashboard addon is not enabled on '" + cluster + "'",
                    "add addons 'dashboard' to the cluster's script and run it again");
        }
        try (ClusterServices services = service.services(cluster)) {
            services.service(NAMESPACE, SERVICE); // the addon's service is there, or the error says what is
        }
        ClusterService.Kubectl kubectl = service.kubectl(cluster);
        String binary = KubectlCommand.binary(kubectl);
        Process proxy;
        try {
            proxy = new ProcessBuilder(List.of(binary, "--context", cluster, "proxy", "--address=127.0.0.1", "--port=" + port))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (java.io.IOException e) {
            throw new DriverException("cannot run " + binary + ": " + e.getMessage(), "install kubectl " + kubectl.version());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::destroy, "kubik-dashboard-proxy"));
        BufferedReader lines = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            Matcher serving = SERVING.matcher(line);
            if (!serving.find()) continue;
            String address = "http://" + serving.group(1) + ":" + serving.group(2) + PATH;
            if (url) {
                System.out.println(address);
            } else {
                System.out.println("Dashboard of '" + cluster + "': " + address + " (while this runs; Ctrl-C ends it)");
                Browser.open(address);
            }
            System.out.flush();
            break;
        }
        // What kubectl says later is the user's to see, and must not fill its pipe.
        Thread echo = new Thread(() -> lines.lines().forEach(System.out::println), "kubik-dashboard-output");
        echo.setDaemon(true);
        echo.start();
        int exit = proxy.waitFor();
        if (exit != 0) throw new DriverException("kubectl proxy exited with " + exit, "see its message above");
        return ExitCodes.OK;
    }
}
