// expect: ["3:30 extraConfig key 'max-pods' needs the form 'component.flag'"]
cluster {
    kubernetes { extraConfig 'max-pods': 150 }
}
