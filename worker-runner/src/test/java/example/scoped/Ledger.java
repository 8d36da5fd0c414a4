package example.scoped;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;

/** Request-scoped state: each task must get an instance of its own. */
@RequestScoped
public class Ledger {

    private final List<String> entries = new ArrayList<>();

    public List<String> entries() {
        return entries;
    }
}
