package io.feedstore.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.feedstore.adapters.bronzejson.JacksonBronzeMetadata;
import io.feedstore.adapters.hashing.Xxh3RowHash;
import io.feedstore.adapters.html.JsoupHtmlText;
import io.feedstore.adapters.html.JsoupPageParser;
import io.feedstore.adapters.jsonlines.JacksonPressReleaseLines;
import io.feedstore.adapters.localfs.TemporaryFileSpillSpace;
import io.feedstore.adapters.mime.Mime4jMessageParser;
import io.feedstore.adapters.parquet.ParquetRecordCodec;
import io.feedstore.application.ArchiveRawItems;
import io.feedstore.application.AuditBronze;
import io.feedstore.application.BackfillHistory;
import io.feedstore.application.BatchWriter;
import io.feedstore.application.BatchWriterSettings;
import io.feedstore.application.ConsolidatePartitions;
import io.feedstore.application.ConsolidationSettings;
import io.feedstore.application.FindPartitions;
import io.feedstore.application.IngestEmails;
import io.feedstore.application.IngestPressReleases;
import io.feedstore.application.LoadPressReleases;
import io.feedstore.application.ReplayBronze;
import io.feedstore.bootstrap.settings.Settings;
import io.feedstore.domain.bronze.BronzeMetadata;
import io.feedstore.domain.bronze.HtmlText;
import io.feedstore.domain.bronze.MessageParser;
import io.feedstore.domain.bronze.PageParser;
import io.feedstore.domain.codec.RecordCodec;
import io.feedstore.domain.consolidation.RowHash;
import io.feedstore.domain.ingest.PressReleaseLines;
import io.feedstore.domain.store.ObjectStore;
import io.feedstore.domain.store.SpillSpace;
import java.time.Clock;
import java.util.Objects;

/**
 * The wiring: which adapter implements each port, and the use cases built on them with the resolved
 * {@link Settings}. The only place that names adapters; domain and application never see Guice.
 */
final class FeedstoreModule extends AbstractModule {

    private final Settings settings;
    private final boolean mayCreateStore;

    FeedstoreModule(Settings settings, boolean mayCreateStore) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mayCreateStore = mayCreateStore;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(Clock.class).toInstance(settings.clock());
        // Unscoped, so that Stage.PRODUCTION does not build them (and load MIME, HTML and JSON libraries) in every
        // start: only the bronze commands parse messages and pages.
        bind(MessageParser.class).to(Mime4jMessageParser.class);
        bind(HtmlText.class).to(JsoupHtmlText.class);
        bind(PageParser.class).to(JsoupPageParser.class);
        bind(BronzeMetadata.class).to(JacksonBronzeMetadata.class);
        bind(RowHash.class).to(Xxh3RowHash.class);
        // One factory per store URI scheme.
        Multibinder<StoreFactory> stores = Multibinder.newSetBinder(binder(), StoreFactory.class);
        stores.addBinding().to(LocalStoreFactory.class);
        stores.addBinding().to(GcsStoreFactory.class);
    }

    // Unscoped, so that Stage.PRODUCTION does not build it (and load Jackson) in every start: only ingest reads lines.
    @Provides
    PressReleaseLines pressReleaseLines() {
        return new JacksonPressReleaseLines();
    }

    @Provides
    @Singleton
    ObjectStore objectStore(StoreFactories factories) {
        return factories.open(settings.store(), mayCreateStore);
    }

    @Provides
    @Singleton
    RecordCodec recordCodec() {
        // The use cases ask for a file by role; the settings decide how each role is encoded.
        return new ParquetRecordCodec(settings.batch(), settings.consolidated(), ParquetRecordCodec.defaultThreads());
    }

    @Provides
    BatchWriterSettings batchWriterSettings() {
        return new BatchWriterSettings(settings.batchSize());
    }

    @Provides
    ConsolidationSettings consolidationSettings() {
        return new ConsolidationSettings(settings.anomalyRule());
    }

    @Provides
    BatchWriter batchWriter(ObjectStore store, RecordCodec codec, BatchWriterSettings config, Clock clock) {
        return new BatchWriter(store, codec, config, clock);
    }

    @Provides
    FindPartitions findPartitions(ObjectStore store) {
        return new FindPartitions(store);
    }

    @Provides
    ConsolidatePartitions consolidatePartitions(
            ObjectStore store, RecordCodec codec, SpillSpace spill, ConsolidationSettings config, RowHash hash) {
        return new ConsolidatePartitions(store, codec, spill, config, hash);
    }

    @Provides
    BackfillHistory backfillHistory(
            ObjectStore store, RecordCodec codec, SpillSpace spill, ConsolidatePartitions consolidation) {
        return new BackfillHistory(store, codec, spill, consolidation);
    }

    /** Tied rows that do not fit in memory spill to the JVM's temporary directory. */
    @Provides
    SpillSpace spillSpace() {
        return TemporaryFileSpillSpace.inSystemTemp();
    }

    @Provides
    LoadPressReleases loadPressReleases(ObjectStore store, RecordCodec codec) {
        return new LoadPressReleases(store, codec);
    }

    @Provides
    ArchiveRawItems archiveRawItems(ObjectStore store, BronzeMetadata metadata, Clock clock) {
        return new ArchiveRawItems(store, metadata, clock);
    }

    @Provides
    IngestEmails ingestEmails(
            ObjectStore store,
            RecordCodec codec,
            MessageParser parser,
            HtmlText htmlText,
            BronzeMetadata metadata,
            BatchWriterSettings config,
            Clock clock) {
        return new IngestEmails(store, codec, parser, htmlText, metadata, config, clock, settings.emailArchivers());
    }

    @Provides
    ReplayBronze replayBronze(
            ObjectStore store,
            RecordCodec codec,
            MessageParser parser,
            HtmlText htmlText,
            PageParser pages,
            BronzeMetadata metadata,
            BatchWriterSettings config,
            Clock clock) {
        return new ReplayBronze(
                store, codec, parser, htmlText, pages, metadata, config, clock, settings.replayReaders());
    }

    @Provides
    AuditBronze auditBronze(ObjectStore store, RecordCodec codec) {
        return new AuditBronze(store, codec);
    }

    @Provides
    IngestPressReleases ingestPressReleases(
            ObjectStore store, RecordCodec codec, PressReleaseLines lines, BatchWriterSettings config, Clock clock) {
        return new IngestPressReleases(store, codec, lines, config, clock, settings.maxFutureSkew());
    }
}
