package io.feedstore.application;

/**
 * How the caller of an ingestion follows and stops it: {@link #progress} is called on the ingesting thread each
 * time the safe resume point has been made durable; {@link #stopRequested} is polled there before each line, and
 * may be set from any thread (a shutdown hook).
 */
public interface IngestControl {

    IngestControl NONE = new IngestControl() {
        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public void progress(IngestReport soFar) {}
    };

    boolean stopRequested();

    void progress(IngestReport soFar);
}
