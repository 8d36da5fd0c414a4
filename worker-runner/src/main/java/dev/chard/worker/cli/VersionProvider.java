package dev.chard.worker.cli;

import dev.chard.worker.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code chard --version}: the jar's Implementation-Version. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"chard " + Version.get() + " (Java " + Runtime.version() + ")"};
    }
}
