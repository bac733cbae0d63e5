// expect: ["3:27 binaries '/no/such/dir' is not a directory on this host"]
cluster {
    kubernetes { binaries '/no/such/dir' }
}
