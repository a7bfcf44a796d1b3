#!/bin/sh
# The container's entrypoint: runs feedstore with the container's arguments, so that a Cloud Run job's args select
# the command ("consolidate", "consolidate --dry-run", "load --from ... --to ..."). Configuration comes from the
# environment only (FEEDSTORE_STORE or GCS_BUCKET, PROJECT_ID, CONSOLIDATION_MIN_ROWS, FEEDSTORE_LOG_FORMAT, ...).
#
# It runs outside the image too, on the shaded jar:
#   FEEDSTORE_JAR=bootstrap/target/feedstore.jar FEEDSTORE_STORE=file:/tmp/store docker/entrypoint.sh consolidate
# Exit codes are feedstore's (0 success, 1 a failed or conflicted partition, 2 bad arguments or configuration);
# 2 also when the jar is missing.
set -eu

jar="${FEEDSTORE_JAR:-/app/feedstore.jar}"
if [ ! -f "$jar" ]; then
  echo "feedstore: FEEDSTORE_JAR '$jar' is not a file: point it at the shaded jar (bootstrap/target/feedstore.jar)" >&2
  exit 2
fi

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi

# The image's class-data sharing archive (made when the image is built, by the image's JVM from the image's jar)
# halves the start. The JVM checks it against the jar and itself and, with its CDS messages off, quietly runs
# without an archive that does not match; FEEDSTORE_CDS_ARCHIVE= (empty) runs without one.
archive="${FEEDSTORE_CDS_ARCHIVE-$(dirname "$jar")/feedstore.jsa}"

# The parallel collector: feedstore's commands are batch jobs, where throughput counts and pauses do not (case 2 of
# benchmarks/RESULTS.md ran about 10 % faster than with G1, the JVM's default).
gc=-XX:+UseParallelGC

# The compilers: consolidate spends its CPU in native code (zstd compression, snappy decompression), and the Java
# around it is compiled well enough by C1; C2's own compilations (3.7 s of CPU while 100,000 rows were consolidated)
# never paid for themselves within a run. With C1 alone (-XX:TieredStopAtLevel=1) a consolidate process took 40 %
# less CPU for a partition of 1,000 rows, 18 % less for 100,000 and the same for 1,000,000 (benchmarks/RESULTS.md,
# levers). Every other command keeps the JVM's tiered compilation: its work is Java (MIME, HTML, JSON, rows decoded
# into objects), which C2 makes faster (a load of 100,000 rows took 30 % longer on C1 alone). The command is the
# first argument that is neither an option nor the value of one; a wrong guess costs time, never a result.
command=
value_of_option=
for arg in "$@"; do
  if [ -n "$value_of_option" ]; then
    value_of_option=
    continue
  fi
  case "$arg" in
    --store | --log-format | --log-level) value_of_option=yes ;;
    -*) ;;
    *)
      command="$arg"
      break
      ;;
  esac
done
compilers=
if [ "$command" = consolidate ]; then
  compilers=-XX:TieredStopAtLevel=1
fi

# FEEDSTORE_JAVA_OPTS naming a collector (-XX:+UseG1GC, say) or a compiler choice (-XX:TieredStopAtLevel=4) is used
# instead of the choice above.
# shellcheck disable=SC2086
for option in ${FEEDSTORE_JAVA_OPTS:-}; do
  case "$option" in
    -XX:+Use*GC) gc= ;;
    -XX:TieredStopAtLevel=* | -XX:[+-]TieredCompilation) compilers= ;;
  esac
done

# exec: the JVM replaces this shell, so it receives Cloud Run's SIGTERM directly.
# FEEDSTORE_JAVA_OPTS is split on spaces on purpose: it holds several JVM options.
if [ -n "$archive" ] && [ -f "$archive" ]; then
  # shellcheck disable=SC2086
  exec "$java" -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off $gc $compilers \
    ${FEEDSTORE_JAVA_OPTS:-} -jar "$jar" "$@"
fi
# shellcheck disable=SC2086
exec "$java" $gc $compilers ${FEEDSTORE_JAVA_OPTS:-} -jar "$jar" "$@"
