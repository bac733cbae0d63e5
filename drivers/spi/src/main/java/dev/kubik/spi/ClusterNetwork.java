package dev.kubik.spi;

/**
 * The network a cluster's machines share.
 *
 * @param name    the driver's name for it
 * @param subnet  CIDR, e.g. 192.168.49.0/24
 * @param gateway the host side's address on it
 */
public record ClusterNetwork(String name, String subnet, String gateway) {
}
