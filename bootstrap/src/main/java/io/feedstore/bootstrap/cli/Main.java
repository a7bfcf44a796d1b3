package io.feedstore.bootstrap.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point of the runnable jar: runs one command line and exits with its code. */
public final class Main {

    private Main() {}

    /** Guice's switch for generating classes at run time (its fast constructors and method interception). */
    static final String GUICE_BYTECODE_GEN = "guice_bytecode_gen_option";

    public static void main(String[] args) {
        useReflectionInGuice();
        // UTF-8 whatever the platform default, so press-release texts reach files and pipes intact.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(FeedstoreCli.run(Environment.system(), out, err, args));
    }

    /**
     * Builds the object graph with plain reflection, unless {@code -Dguice_bytecode_gen_option} says otherwise. A
     * command builds each object once, so classes generated to construct objects faster never pay for themselves:
     * generating them (with Guice's copy of ASM, about 30 classes outside the class-data archive) made every start
     * about 60 ms slower here. Nothing of feedstore's uses method interception, the one feature that needs them.
     * Must run before Guice's first class is loaded, which reads the setting once.
     */
    static void useReflectionInGuice() {
        if (System.getProperty(GUICE_BYTECODE_GEN) == null) {
            System.setProperty(GUICE_BYTECODE_GEN, "DISABLED");
        }
    }
}
