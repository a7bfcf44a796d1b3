package io.feedstore.bootstrap.cli;

import io.feedstore.adapters.mime.MboxSplitter;
import io.feedstore.application.EmailSource;
import io.feedstore.application.IncomingEmail;
import io.feedstore.application.MessageBytes;
import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.EmailMeta;
import io.feedstore.domain.bronze.ReceivedTime;
import io.feedstore.domain.store.SpillSpace;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The messages of the paths given to {@code ingest-email}, one at a time: {@code .eml} files, mbox files (Google
 * Takeout's included: the Gmail id and received time come from each {@code From } line), bronze-style folders
 * ({@code message.eml} + {@code meta.json}) and directories of any of these, recursively, in name order. An mbox is
 * read as a stream; a message larger than {@link MessageBytes#IN_MEMORY_LIMIT} is spilled to a temporary file as
 * it is read, so neither a mailbox of gigabytes nor a message with a large attachment is ever held in memory.
 */
final class EmailInputs implements EmailSource {

    private static final byte[] MBOX_START = "From ".getBytes(StandardCharsets.US_ASCII);

    private final List<Path> paths;
    private final BronzeMetadata metadata;
    private final SpillSpace spill;

    private EmailInputs(List<Path> paths, BronzeMetadata metadata, SpillSpace spill) {
        this.paths = List.copyOf(paths);
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.spill = Objects.requireNonNull(spill, "spill");
    }

    /** The inputs, each checked to exist and be readable before anything is done. */
    static EmailInputs of(List<Path> paths, BronzeMetadata metadata, SpillSpace spill) {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--input " + path + " does not exist");
            }
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("--input " + path + " is not readable");
            }
        }
        return new EmailInputs(paths, metadata, spill);
    }

    @Override
    public void forEach(Each each) throws IOException {
        for (Path path : paths) {
            visit(path, each);
        }
    }

    private void visit(Path path, Each each) throws IOException {
        if (Files.isDirectory(path)) {
            if (isBronzeFolder(path)) {
                bronzeFolder(path, each);
                return;
            }
            List<Path> children;
            try (Stream<Path> listed = Files.list(path)) {
                children = new ArrayList<>(listed.sorted().toList());
            }
            for (Path child : children) {
                if (Files.isDirectory(child) || isMessageFile(child)) {
                    visit(child, each);
                }
            }
            return;
        }
        if (startsWithMboxSeparator(path)) {
            mbox(path, each);
        } else {
            each.accept(new IncomingEmail(path.toString(), read(path), Option.none(), Option.none()));
        }
    }

    private static boolean isBronzeFolder(Path folder) {
        return Files.isRegularFile(folder.resolve("message.eml")) && Files.isRegularFile(folder.resolve("meta.json"));
    }

    /** In a directory, only files that look like mail are read: {@code .eml}, {@code .mbox} and mbox files. */
    private static boolean isMessageFile(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".eml") || name.endsWith(".mbox") || startsWithMboxSeparator(file);
    }

    private static boolean startsWithMboxSeparator(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MBOX_START.length), MBOX_START);
        }
    }

    private MessageBytes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MessageBytes.read(in, spill, MessageBytes.IN_MEMORY_LIMIT);
        }
    }

    private void mbox(Path file, Each each) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MboxSplitter.split(
                    in,
                    entry -> each.accept(new IncomingEmail(
                            file + " message " + (entry.index() + 1),
                            MessageBytes.read(entry.message(), spill, MessageBytes.IN_MEMORY_LIMIT),
                            entry.takeoutId(),
                            ReceivedTime.ofMboxSeparator(entry.separator()))));
        }
    }

    /** The id and received time of {@code meta.json}; a meta.json that cannot be read leaves them to the message. */
    private void bronzeFolder(Path folder, Each each) throws IOException {
        Option<EmailMeta> meta = metadata.readEmailMeta(Files.readAllBytes(folder.resolve("meta.json")))
                .toOption();
        each.accept(new IncomingEmail(
                folder.resolve("message.eml").toString(),
                read(folder.resolve("message.eml")),
                meta.map(EmailMeta::id).filter(id -> id.isGmailId()),
                meta.map(EmailMeta::internalTime)));
    }
}
