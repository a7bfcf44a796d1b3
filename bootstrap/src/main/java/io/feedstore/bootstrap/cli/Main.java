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

    public static void main(String[] args) {
        // UTF-8 whatever the platform default, so press-release texts reach files and pipes intact.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(FeedstoreCli.run(Environment.system(), out, err, args));
    }
}
