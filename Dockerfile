# syntax=docker/dockerfile:1
# feedstore's container image: the shaded jar on a Java 17 JRE, run by docker/entrypoint.sh as a non-root user.
#   docker build -t feedstore .
#   docker run --rm -e GCS_BUCKET=my-bucket feedstore consolidate --dry-run
# The image's arguments select the command; the default is the daily consolidation.

# Build stage: the same Maven build CI runs, without the tests (CI runs them on every change).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl bootstrap -am package

# Run stage: a JRE only; the jar and the entrypoint are owned by root and read-only for the user that runs them.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 feedstore \
 && useradd --system --uid 10001 --gid feedstore --home-dir /app --no-create-home --shell /usr/sbin/nologin feedstore
WORKDIR /app
COPY --from=build --chmod=0444 /src/bootstrap/target/feedstore.jar /app/feedstore.jar
COPY --chmod=0555 docker/entrypoint.sh /app/entrypoint.sh
# A class-data sharing archive of the classes a run loads, made by running the demo (ingest, consolidate, load) on a
# scratch store with this image's JVM and jar: it halves every start and spares a job loading its Parquet, ZSTD and
# snappy classes from the jar (docker/entrypoint.sh uses it). An image without it still runs, only slower to start.
RUN scratch="$(mktemp -d)" \
 && { java -XX:ArchiveClassesAtExit=/app/feedstore.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar /app/feedstore.jar \
        --store "file:$scratch" demo > /dev/null \
      && chmod 0444 /app/feedstore.jsa \
      || { echo "no class-data sharing archive: starts will be slower" >&2; rm -f /app/feedstore.jsa; }; } \
 && rm -rf "$scratch"
# The image's defaults; a Cloud Run job adds FEEDSTORE_STORE or GCS_BUCKET, PROJECT_ID, CONSOLIDATION_MIN_ROWS.
# (bootstrap/src/test/java/io/feedstore/bootstrap/cli/EntrypointScriptIT.java runs the entrypoint with exactly these.)
ENV FEEDSTORE_JAR=/app/feedstore.jar
ENV FEEDSTORE_LOG_FORMAT=json
ENV FEEDSTORE_JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["consolidate"]
