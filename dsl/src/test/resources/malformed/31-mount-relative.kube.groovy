// expect: ["2:17 mount source 'src' is not an absolute host path"]
cluster { mount 'src', to: '/src' }
