// expect: ["4:5 driver 'qemu' cannot share host folders (mount)", "5:5 driver 'qemu' cannot forward host ports (port); its nodes are reached at their own addresses (kubik status)"]
cluster {
    driver 'qemu'
    mount '/home/me/src', to: '/src'
    port 8080, to: 80
}
