// expect: ["4:5 cpus does not apply to existing hosts: driver 'ssh' adopts machines as they are (kubik status shows their real cores and memory)", "5:23 'bad host' is not a host name or IP address", "5:54 key file /nonexistent/id_ed25519 does not exist or cannot be read", "5:89 'MD5:00' is not an OpenSSH SHA256 fingerprint", "6:18 node 'w1' names a host but no key", "6:40 port 70000 is out of range", "7:23 host 10.0.0.6 port 70000 is node 'w1' already", "7:40 port 70000 is out of range", "7:52 'root;rm' is not a login name", "7:67 key file /nonexistent/k does not exist or cannot be read", "8:5 mount shares host directories into machines kubik makes; driver 'ssh' adopts existing hosts"]
cluster('lab') {
    driver 'ssh'
    cpus 2
    node('cp') { host 'bad host'; user 'ubuntu'; key '/nonexistent/id_ed25519'; hostKey 'MD5:00' }
    node('w1') { host '10.0.0.6'; port 70000; user 'ubuntu' }
    node('w2') { host '10.0.0.6'; port 70000; user 'root;rm'; key '/nonexistent/k' }
    mount '/home/me/src', to: '/src'
}
