// expect: ["4:15 unknown option 'imgae' for the docker driver; did you mean 'image'?"]
cluster {
    driver 'docker'
    options { imgae 'kubik/node:dev' }
}
