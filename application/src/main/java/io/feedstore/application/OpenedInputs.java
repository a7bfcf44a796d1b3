package io.feedstore.application;

import io.feedstore.domain.store.Generation;
import io.feedstore.domain.store.ObjectKey;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a consolidation opened, in plan order (their positions are the index's input numbers); closing it
 * closes every one, whichever step the consolidation stopped in.
 */
final class OpenedInputs implements AutoCloseable {

    private final List<OpenedInput> inputs = new ArrayList<>();

    void add(OpenedInput input) {
        inputs.add(input);
    }

    OpenedInput get(int number) {
        return inputs.get(number);
    }

    int size() {
        return inputs.size();
    }

    long bytes() {
        return inputs.stream().mapToLong(OpenedInput::bytes).sum();
    }

    /** The existing consolidated file, which the new one replaces by compare-and-swap. */
    Option<OpenedInput> consolidated() {
        return Option.ofOptional(
                inputs.stream().filter(OpenedInput::isConsolidated).findFirst());
    }

    /** The generation of every input as it was opened. */
    Map<ObjectKey, Generation> asOpened() {
        Map<ObjectKey, Generation> opened = new LinkedHashMap<>();
        inputs.forEach(input -> opened.put(input.key(), input.generation()));
        return opened;
    }

    /** The inputs deleted once their rows are verified in the consolidated file. */
    List<OpenedInput> toDelete() {
        return inputs.stream().filter(i -> !i.isConsolidated()).toList();
    }

    @Override
    public void close() {
        for (OpenedInput input : inputs) {
            try {
                input.content().close();
            } catch (IOException | RuntimeException ignored) {
                // read-only content: nothing is lost by a failed close
            }
        }
    }
}
