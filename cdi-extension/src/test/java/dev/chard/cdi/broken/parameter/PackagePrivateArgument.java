package dev.chard.cdi.broken.parameter;

class PackagePrivateArgument {
    public int value;
}
