package io.feedstore.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes took while a case ran: the machine's busy time (from /proc/stat) minus this
 * process's CPU time and that of the children it waited for (the whole-process cases' JVMs), over the wall time.
 * Load averages cannot say this: they count the harness itself.
 */
final class MachineLoad {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream kernel configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    private MachineLoad() {}

    /** A reading; {@code busyTicks} is negative where /proc/stat cannot be read. */
    record Snapshot(long busyTicks, long ownCpuNanos, long wallNanos) {}

    static Snapshot now() {
        return new Snapshot(busyTicks(), OS.getProcessCpuTime() + waitedForChildrenNanos(), System.nanoTime());
    }

    /** Cores' worth of CPU that other processes used on average between two readings, or NaN if unknown. */
    static double otherCores(Snapshot from, Snapshot to) {
        if (from.busyTicks() < 0 || to.busyTicks() < 0) {
            return Double.NaN;
        }
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        double busy = (to.busyTicks() - from.busyTicks()) / TICKS_PER_SECOND;
        double own = (to.ownCpuNanos() - from.ownCpuNanos()) / 1e9;
        return wall <= 0 ? Double.NaN : Math.max(0, (busy - own) / wall);
    }

    /**
     * CPU time of this process's children that have been waited for ({@code cutime} + {@code cstime}, fields 16
     * and 17 of /proc/self/stat), in nanoseconds; 0 where it cannot be read. A child's time appears once it has
     * been waited for, which the whole-process cases do before their timing ends.
     */
    private static long waitedForChildrenNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return (long) (ticks / TICKS_PER_SECOND * 1e9);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long busyTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
