package dev.kubik.driver.ssh;

import dev.kubik.spi.DriverException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The IP address of a host as the script names it: Kubernetes advertises addresses, not names. */
final class Addresses {
    private Addresses() {
    }

    static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new DriverException("host name " + host + " does not resolve", "use its IP address, or fix its DNS entry");
        }
    }
}
