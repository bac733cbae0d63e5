// expect: ["3:28 podSubnet '10.244.0.1/16' is not an IPv4 network in CIDR form"]
cluster {
    kubernetes { podSubnet '10.244.0.1/16' }
}
