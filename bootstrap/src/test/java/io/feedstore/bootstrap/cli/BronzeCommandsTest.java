package io.feedstore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.bronze.RawItem;
import io.feedstore.domain.partition.StoreLayout;
import io.feedstore.domain.store.ObjectInfo;
import io.feedstore.domain.store.ObjectStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest-email, replay and audit through the command line on the local store. */
class BronzeCommandsTest {

    @TempDir
    Path temp;

    @Test
    void ingestEmailArchivesEveryMessageAndStoresItsPressReleaseAndAReRunChangesNothing() {
        Cli cli = new Cli(temp.resolve("store"));
        Path mbox = BronzeMail.takeout(temp);
        Path eml = BronzeMail.eml(temp);

        Cli.Run first = cli.run("ingest-email", "--input", mbox.toString(), eml.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Read 4 messages").contains("4 archived, 0 already archived, 4 parsed");
        assertThat(bronzeKeys(cli))
                .contains(
                        "bronze_raw/source=gmail/dt=2025-01-14/msgId=18e0b733fdba1737/message.eml",
                        "bronze_raw/source=gmail/dt=2025-01-14/msgId=18e0b733fdba1737/meta.json");
        String loaded =
                cli.run("load", "--from", "2025-01-13", "--to", "2025-01-16").out();
        assertThat(loaded)
                .contains("\"press_release_id\":\"18e0b733fdba1737\"")
                .contains("Ærø Energi – første kvartal")
                .contains("Åsa Lindqvist ny vd för Öresund AB")
                .contains("\"company_name\":\"Åsa Lindqvist\"")
                .contains("\"release_ts_utc\":\"2025-01-14T09:00:00");

        Cli.Run again = cli.run("ingest-email", "--input", mbox.toString(), eml.toString());
        assertThat(again.out()).contains("0 archived, 4 already archived, 4 parsed, 0 rejected");
        cli.run("consolidate");
        assertThat(cli.run("load", "--from", "2025-01-13", "--to", "2025-01-16").out())
                .isEqualTo(loaded);
        Cli.Run audit = cli.run("audit", "--from", "2025-01-14", "--to", "2025-01-15");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out()).contains("Bronze and silver agree");
    }

    @Test
    void anUnparseableMessageIsArchivedDeadLetteredAndMakesTheExitCodeOne() {
        Cli cli = new Cli(temp.resolve("store"));
        BronzeMail.eml(temp);
        BronzeMail.junk(temp);

        Cli.Run run = cli.run("ingest-email", "--input", temp.resolve("inbox").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("2 archived, 0 already archived, 1 parsed, 1 rejected");
        assertThat(run.errLines())
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "broken.eml: rejected (archived in bronze_raw/source=gmail/dt=1970-01-01/msgId=email__")
                        .doesNotContain("Exception"));
        assertThat(cli.listing().stream().map(i -> i.key().value()))
                .anyMatch(k -> k.startsWith(StoreLayout.REJECTS.value() + "ingest-email_"));
    }

    @Test
    void afterSilverIsLostAuditNamesTheMissingIdsAndReplayRebuildsWhatLoadReturned() {
        Cli cli = new Cli(temp.resolve("store"));
        cli.run("ingest-email", "--input", BronzeMail.takeout(temp).toString());
        String before =
                cli.run("load", "--from", "2025-01-13", "--to", "2025-01-16").out();
        ObjectStore store = cli.store();
        for (ObjectInfo file : store.list(StoreLayout.TABLE).get()) {
            store.deleteIfUnchanged(file.key(), file.generation()).get();
        }

        Cli.Run lost = cli.run("audit", "--from", "2025-01-14", "--to", "2025-01-15", "--json");
        assertThat(lost.exitCode()).isEqualTo(1);
        assertThat(lost.out()).contains("\"diverges\":true").contains("\"bronze_not_in_silver\":[\"18e0b733fdba1737\"");

        Cli.Run dry = cli.run("replay", "--from", "2025-01-14", "--to", "2025-01-15", "--dry-run");
        assertThat(dry.out()).contains("Dry run: Replayed 3 bronze items").contains("nothing written");
        assertThat(store.list(StoreLayout.TABLE).get()).isEmpty();

        Cli.Run replay = cli.run("replay", "--from", "2025-01-14", "--to", "2025-01-15", "--sources", "gmail");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(cli.run("load", "--from", "2025-01-13", "--to", "2025-01-16").out())
                .isEqualTo(before);
        cli.run("replay", "--from", "2025-01-14", "--to", "2025-01-15");
        cli.run("consolidate");
        assertThat(cli.run("load", "--from", "2025-01-13", "--to", "2025-01-16").out())
                .isEqualTo(before);
        assertThat(cli.run("audit", "--from", "2025-01-14", "--to", "2025-01-15")
                        .exitCode())
                .isZero();
    }

    @Test
    void aBronzeFolderOfTheOlderJobsIsReadWithItsIdAndItsInternalTimeInSeconds() throws java.io.IOException {
        Cli cli = new Cli(temp.resolve("store"));
        Path folder = temp.resolve("old-bucket/bronze_raw/source=gmail/dt=2024-03-14/msgId=18c3f0a2b4d5e6f7");
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(
                folder.resolve("message.eml"),
                BronzeMail.message(
                        "\"Ærø Energi A/S\" <news@aeroe.dk>",
                        "=?UTF-8?Q?=C3=86r=C3=B8_Energi_=E2=80=93_rekord=C3=A5r?=",
                        "<rekord@aeroe.dk>",
                        "Thu, 14 Mar 2024 10:29:00 +0100",
                        "Ærø – “rekordår” for Ærø Energi 🎉\n"));
        java.nio.file.Files.writeString(
                folder.resolve("meta.json"),
                "{\"id\": \"18c3f0a2b4d5e6f7\", \"from\": \"\\\"Ærø Energi A/S\\\" <news@aeroe.dk>\","
                        + " \"subject\": \"Ærø Energi – “rekordår”\", \"internal_epoch\": 1710408600}");

        Cli.Run run =
                cli.run("ingest-email", "--input", temp.resolve("old-bucket").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(bronzeKeys(cli))
                .containsExactly(
                        "bronze_raw/source=gmail/dt=2024-03-14/msgId=18c3f0a2b4d5e6f7/message.eml",
                        "bronze_raw/source=gmail/dt=2024-03-14/msgId=18c3f0a2b4d5e6f7/meta.json");
        assertThat(cli.run("load", "--from", "2024-03-14", "--to", "2024-03-14").out())
                .contains("\"press_release_id\":\"18c3f0a2b4d5e6f7\"")
                .contains("\"company_name\":\"Ærø Energi A/S\"")
                .contains("\"release_ts_utc\":\"2024-03-14T09:30:00");
    }

    @Test
    void aMissingInputIsAUsageErrorNamingItAndNothingIsArchived() {
        Cli cli = new Cli(temp.resolve("store"));
        Cli.Run run =
                cli.run("ingest-email", "--input", temp.resolve("nowhere.mbox").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.mbox does not exist");
        assertThat(bronzeKeys(cli)).isEmpty();
    }

    private static List<String> bronzeKeys(Cli cli) {
        return cli.listing().stream()
                .map(i -> i.key().value())
                .filter(k -> k.startsWith(RawItem.ROOT.value()))
                .toList();
    }
}
