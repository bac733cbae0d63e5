// expect: ["2:1 refused: creating java.net.URL: scripts may create lists, maps, sets, strings, numbers and exceptions"]
new URL("http://127.0.0.1:1/").text
