package dev.chard.worker.cli;

import java.util.Set;

/**
 * Celery's muscle memory is {@code celery -A proj worker -l info}; Chard's shortest form is
 * {@code java -jar chard-worker.jar -A app.jar -l info}: when the first argument is an option (other than help or
 * version), the arguments belong to {@code worker}.
 */
final class DefaultSubcommand {

    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

    private DefaultSubcommand() {
    }

    static String[] apply(String[] args) {
        if (args.length == 0 || !args[0].startsWith("-") || TOP_LEVEL.contains(args[0])) {
            return args;
        }
        String[] out = new String[args.length + 1];
        out[0] = "worker";
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }
}
