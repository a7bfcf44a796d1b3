package io.feedstore.bootstrap.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** What a run of the command line gets from the outside world besides its arguments; tests supply their own. */
record Environment(Map<String, String> variables, Clock clock, InputStream stdin) {

    Environment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stdin, "stdin");
    }

    static Environment system() {
        return new Environment(System.getenv(), Clock.systemUTC(), System.in);
    }
}
