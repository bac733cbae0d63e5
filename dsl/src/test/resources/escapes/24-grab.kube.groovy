// expect: ["2:1 refused: import org.example.Evil: untrusted scripts import nothing", "2:1 refused: the annotation @Grab: annotations run code at compile time"]
@Grab("org.example:evil:1.0")
import org.example.Evil
cluster { }
