package dev.chard.engine.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The "Redis layout" table of docs/architecture.md, as key-name patterns: the contract the key scan checks against. */
record RedisLayoutDoc(List<Row> rows) {

    private static final Path DOC = Path.of("..", "docs", "architecture.md");

    /** One documented key: its pattern as written, a regex for a given prefix, and whether it must carry a TTL. */
    record Row(String written, String boundedBy) {

        boolean hasQueueTag() {
            return written.contains("{Q}");
        }

        boolean mustExpire() {
            return boundedBy.contains("TTL");
        }

        Pattern pattern(String prefix) {
            String body = written.substring(written.indexOf(':')); // after "P"
            StringBuilder re = new StringBuilder(Pattern.quote(prefix));
            for (String part : body.split("((?=\\{Q\\})|(?<=\\{Q\\})|(?=<[a-z]+>)|(?<=<[a-z]+>))")) {
                if (part.equals("{Q}")) {
                    re.append("\\{(?<queue>[^{}]+)\\}");
                } else if (part.matches("<[a-z]+>")) {
                    re.append(".+");
                } else {
                    re.append(Pattern.quote(part));
                }
            }
            return Pattern.compile(re.toString());
        }
    }

    static RedisLayoutDoc read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException(DOC.toAbsolutePath() + " cannot be read", e);
        }
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Redis layout");
                continue;
            }
            if (inSection && line.startsWith("| `P:")) {
                String[] cells = line.split("\\|");
                rows.add(new Row(cells[1].trim().replace("`", ""), cells[4].trim()));
            }
        }
        assertFalse(rows.isEmpty(), "no key rows found in the 'Redis layout' table of " + DOC.toAbsolutePath());
        return new RedisLayoutDoc(List.copyOf(rows));
    }
}
