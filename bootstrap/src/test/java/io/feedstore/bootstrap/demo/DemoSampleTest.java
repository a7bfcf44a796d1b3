package io.feedstore.bootstrap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedstore.domain.consolidation.AnomalyRule;
import io.feedstore.domain.partition.Partition;
import io.feedstore.domain.release.PressRelease;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSampleTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 1, 16);

    @Test
    void theSampleCoversSeveralSourcesOnTheDaysBeforeTodayWithAFewHundredPressReleases() {
        DemoSample sample = DemoSample.before(TODAY);

        assertThat(sample.expected().size()).isBetween(300, 900);
        assertThat(sample.sources()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sample.expected())
                .allMatch(r ->
                        r.releaseDate().isBefore(TODAY) && !r.releaseDate().isBefore(TODAY.minusDays(DemoSample.DAYS)));
        assertThat(sample.partitions()).hasSize(sample.sources().size() * DemoSample.DAYS);
    }

    @Test
    void theSampleHasRedeliveriesCorrectionsWithNewerIngestedAtAndLegacyFiles() {
        DemoSample sample = DemoSample.before(TODAY);
        List<PressRelease> corrections = sample.deliveries().get(2).releases();

        assertThat(sample.redeliveries()).isPositive();
        assertThat(sample.updates()).isPositive().isEqualTo(corrections.size());
        assertThat(sample.lines())
                .isEqualTo(sample.expected().size() - legacyOnly(sample) + sample.redeliveries() + sample.updates());
        Map<Object, PressRelease> newest =
                sample.expected().stream().collect(Collectors.toMap(PressRelease::id, r -> r));
        // Every correction is newer than what it corrects, so it is the version that is kept.
        assertThat(corrections).allMatch(c -> newest.get(c.id()).equals(c));
        assertThat(sample.legacy()).isNotEmpty().allMatch(r -> r.parserVersion().contains(1));
    }

    @Test
    void theSampleOfAPartitionIsTheSameWhicheverDayTheDemoRuns() {
        DemoSample today = DemoSample.before(TODAY);
        DemoSample tomorrow = DemoSample.before(TODAY.plusDays(1));

        Set<Partition> shared = new HashSet<>(today.partitions());
        shared.retainAll(tomorrow.partitions());

        assertThat(shared).hasSize(today.sources().size() * (DemoSample.DAYS - 1));
        assertThat(inPartitions(tomorrow, shared)).isEqualTo(inPartitions(today, shared));
        assertThat(DemoSample.before(TODAY).expected()).isEqualTo(today.expected());
    }

    @Test
    void theThinFeedShowsTheAnomalyRuleWhileTheOthersPassIt() {
        DemoSample sample = DemoSample.before(TODAY);
        Map<Partition, Long> rows = sample.expected().stream()
                .collect(Collectors.groupingBy(PressRelease::partition, Collectors.counting()));

        assertThat(rows.entrySet())
                .filteredOn(e -> AnomalyRule.DEFAULT.isAnomalous(e.getValue().intValue()))
                .extracting(e -> e.getKey().source().value())
                .containsOnly("sec-edgar")
                .hasSize(DemoSample.DAYS);
    }

    private static List<PressRelease> inPartitions(DemoSample sample, Set<Partition> partitions) {
        return sample.expected().stream()
                .filter(r -> partitions.contains(r.partition()))
                .toList();
    }

    private static long legacyOnly(DemoSample sample) {
        Set<Object> delivered = sample.deliveries().stream()
                .flatMap(d -> d.releases().stream())
                .map(PressRelease::id)
                .collect(Collectors.toSet());
        return sample.legacy().stream().filter(r -> !delivered.contains(r.id())).count();
    }
}
