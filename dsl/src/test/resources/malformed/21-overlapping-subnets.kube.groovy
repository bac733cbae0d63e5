// expect: ["5:23 podSubnet 10.0.0.0/8 overlaps serviceSubnet 10.96.0.0/12"]
cluster {
    kubernetes {
        podSubnet '10.0.0.0/8'
        serviceSubnet '10.96.0.0/12'
    }
}
