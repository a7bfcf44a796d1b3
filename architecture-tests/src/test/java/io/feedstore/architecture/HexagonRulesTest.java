package io.feedstore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;

/**
 * The dependency rules of the hexagon, checked on the production classes of every module: the domain at the
 * centre knows only the JDK and vavr, the use cases know only the domain, adapters know the domain and their own
 * technology, and only bootstrap sees everything. Test support (testkit, the GCS test server) is never a
 * production dependency.
 */
@AnalyzeClasses(packages = "io.feedstore", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {

    private static final String DOMAIN = "io.feedstore.domain..";
    private static final String APPLICATION = "io.feedstore.application..";
    private static final String ADAPTERS = "io.feedstore.adapters..";
    private static final String PARQUET_ADAPTER = "io.feedstore.adapters.parquet..";
    private static final String GCS_ADAPTER = "io.feedstore.adapters.gcs..";
    private static final String LOCALFS_ADAPTER = "io.feedstore.adapters.localfs..";
    private static final String MIME_ADAPTER = "io.feedstore.adapters.mime..";
    private static final String HTML_ADAPTER = "io.feedstore.adapters.html..";
    private static final String BRONZE_JSON_ADAPTER = "io.feedstore.adapters.bronzejson..";
    private static final String JSON_LINES_ADAPTER = "io.feedstore.adapters.jsonlines..";
    private static final String HASHING_ADAPTER = "io.feedstore.adapters.hashing..";
    private static final String HASH4J = "com.dynatrace.hash4j..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String BOOTSTRAP = "io.feedstore.bootstrap..";
    private static final String JDK = "java..";
    private static final String VAVR = "io.vavr..";
    /** Adapters may log through the API; the backend is bootstrap's choice. */
    private static final String LOGGING_API = "org.slf4j..";
    /** The Google Cloud Storage client and the libraries its API exposes (gax, auth, core). */
    private static final String[] GOOGLE_CLOUD = {"com.google.cloud..", "com.google.auth..", "com.google.api.."};

    /** Test-support modules: they may use test libraries, production code may not use them. */
    private static final String[] TEST_SUPPORT = {"io.feedstore.testkit..", "io.feedstore.gcsserver.."};

    @ArchTest
    static final ArchRule theDomainDependsOnNothingButTheJdkAndVavr = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, JDK, VAVR);

    @ArchTest
    static final ArchRule theDomainDoesNoIo = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..")
            .because("the domain holds rules; reading and writing belong to adapters");

    @ArchTest
    static final ArchRule theUseCasesDependOnlyOnTheDomain = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, JDK, VAVR)
            .because("use cases are written against the ports, so any adapter can be plugged in");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices().matching("io.feedstore.adapters.(*)..")
            .should()
            .notDependOnEachOther()
            .because("each adapter implements a port on its own; only bootstrap puts them together");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnTheUseCasesOrTheWiring = noClasses()
            .that()
            .resideInAPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APPLICATION, BOOTSTRAP);

    @ArchTest
    static final ArchRule theLocalAdapterNeedsOnlyTheJdk = classes()
            .that()
            .resideInAPackage(LOCALFS_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(LOCALFS_ADAPTER, DOMAIN, JDK, VAVR, LOGGING_API);

    @ArchTest
    static final ArchRule theParquetAdapterNeedsOnlyParquet = classes()
            .that()
            .resideInAPackage(PARQUET_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    PARQUET_ADAPTER,
                    DOMAIN,
                    JDK,
                    VAVR,
                    LOGGING_API,
                    "org.apache.parquet..",
                    "org.apache.hadoop..",
                    "com.github.luben.zstd..",
                    "org.xerial.snappy..");

    @ArchTest
    static final ArchRule theGcsAdapterNeedsOnlyTheGoogleCloudClient = classes()
            .that()
            .resideInAPackage(GCS_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    GCS_ADAPTER,
                    DOMAIN,
                    JDK,
                    VAVR,
                    LOGGING_API,
                    "com.google.cloud..",
                    "com.google.auth..",
                    "com.google.api..");

    @ArchTest
    static final ArchRule theMimeAdapterNeedsOnlyMime4j = classes()
            .that()
            .resideInAPackage(MIME_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(MIME_ADAPTER, DOMAIN, JDK, VAVR, LOGGING_API, "org.apache.james.mime4j..");

    @ArchTest
    static final ArchRule theHtmlAdapterNeedsOnlyJsoupAndJacksonForJsonLd = classes()
            .that()
            .resideInAPackage(HTML_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(HTML_ADAPTER, DOMAIN, JDK, VAVR, LOGGING_API, "org.jsoup..", JACKSON);

    @ArchTest
    static final ArchRule theBronzeJsonAdapterNeedsOnlyJackson = classes()
            .that()
            .resideInAPackage(BRONZE_JSON_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(BRONZE_JSON_ADAPTER, DOMAIN, JDK, VAVR, LOGGING_API, JACKSON);

    @ArchTest
    static final ArchRule theJsonLinesAdapterNeedsOnlyJackson = classes()
            .that()
            .resideInAPackage(JSON_LINES_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(JSON_LINES_ADAPTER, DOMAIN, JDK, VAVR, LOGGING_API, JACKSON);

    @ArchTest
    static final ArchRule theHashingAdapterNeedsOnlyHash4j = classes()
            .that()
            .resideInAPackage(HASHING_ADAPTER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(HASHING_ADAPTER, DOMAIN, JDK, VAVR, HASH4J);

    @ArchTest
    static final ArchRule hash4jIsUsedOnlyInTheHashingAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(HASHING_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(HASH4J)
            .because("the row hash is a port; which function implements it is the adapter's business");

    @ArchTest
    static final ArchRule mimeIsParsedOnlyInTheMimeAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(MIME_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.james.mime4j..", "jakarta.mail..", "javax.mail..");

    @ArchTest
    static final ArchRule htmlIsParsedOnlyInTheHtmlAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(HTML_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jsoup..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWiring = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP);

    @ArchTest
    static final ArchRule dependencyInjectionIsUsedOnlyInBootstrap = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
            .because("domain and application are plain Java that a test constructs with new");

    @ArchTest
    static final ArchRule theCommandLineIsParsedOnlyInBootstrap = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..");

    // adapters-gcs reaches GCS through google-cloud-storage's own JSON stack and uses no Jackson type itself.
    @ArchTest
    static final ArchRule jacksonIsUsedOnlyInBootstrapAndTheAdaptersThatReadJson = noClasses()
            .that()
            .resideOutsideOfPackages(BOOTSTRAP, JSON_LINES_ADAPTER, BRONZE_JSON_ADAPTER, HTML_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(JACKSON);

    @ArchTest
    static final ArchRule theLoggingBackendIsChosenOnlyInBootstrap = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ch.qos.logback..");

    @ArchTest
    static final ArchRule parquetAndHadoopAreUsedOnlyInTheParquetAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(PARQUET_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.parquet..", "org.apache.hadoop..", "com.github.luben.zstd..", "org.xerial.snappy..");

    @ArchTest
    static final ArchRule googleCloudStorageIsUsedOnlyInTheGcsAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(GCS_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(GOOGLE_CLOUD);

    @ArchTest
    static final ArchRule productionCodeDependsOnNoTestSupport = noClasses()
            .that()
            .resideOutsideOfPackages(TEST_SUPPORT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.feedstore.testkit..",
                    "io.feedstore.gcsserver..",
                    "org.junit..",
                    "org.assertj..",
                    "org.quicktheories..",
                    "org.duckdb..",
                    "com.tngtech.archunit..")
            .because("test support never reaches a production classpath");

    @ArchTest
    static final ArchRule theModulesFormNoCycle =
            slices().matching("io.feedstore.(*)..").should().beFreeOfCycles();

    // The domain has one package cycle, release <-> partition: Partition is built from a record's Source and date,
    // and PressRelease.partition() points back. That one dependency is tolerated (removing the public method would
    // break its callers); any other cycle, in the domain or elsewhere, fails this rule.
    @ArchTest
    static final ArchRule thePackagesOfEachModuleFormNoCycle = slices().matching("io.feedstore.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(PressRelease.class, Partition.class);
}
