// expect: ["4:26 option 'privileged' takes true or false"]
cluster {
    driver 'docker'
    options { privileged 'yes' }
}
