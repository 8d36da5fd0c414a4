package example.app;

/** Not a bean in annotated mode: no bean-defining annotation. */
public class Plain {
}
