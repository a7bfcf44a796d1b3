#!/usr/bin/env bash
# Settings shared by the deploy scripts; sourced, not run. Set PROJECT_ID and GCS_BUCKET (and anything else to
# override) in the environment before running a script:
#   PROJECT_ID=my-project GCS_BUCKET=my-press-bucket deploy/deploy-all.sh
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

: "${PROJECT_ID:?set PROJECT_ID to the Google Cloud project}"
: "${GCS_BUCKET:?set GCS_BUCKET to the bucket that holds the store}"

# Cloud Run jobs, Cloud Scheduler and Artifact Registry live in one region; put it next to the bucket.
REGION="${REGION:-europe-north1}"
REPOSITORY="${REPOSITORY:-feedstore}"
# The image to deploy: a tag, or a digest (IMAGE=...@sha256:...) to pin or roll back an exact build.
IMAGE="${IMAGE:-$REGION-docker.pkg.dev/$PROJECT_ID/$REPOSITORY/feedstore:$(git rev-parse --short HEAD 2>/dev/null || echo latest)}"
JOB="${JOB:-feedstore-consolidate}"
SCHEDULE_NAME="${SCHEDULE_NAME:-feedstore-consolidate-daily}"
CONSOLIDATION_MIN_ROWS="${CONSOLIDATION_MIN_ROWS:-50}"
# The job's identity: may read, list, create and delete objects in GCS_BUCKET, and nothing else.
JOB_SA_NAME="${JOB_SA_NAME:-feedstore-consolidate}"
JOB_SA="$JOB_SA_NAME@$PROJECT_ID.iam.gserviceaccount.com"
# Cloud Scheduler's identity: may run the job, and nothing else.
SCHEDULER_SA_NAME="${SCHEDULER_SA_NAME:-feedstore-scheduler}"
SCHEDULER_SA="$SCHEDULER_SA_NAME@$PROJECT_ID.iam.gserviceaccount.com"
# A custom role holding exactly the four object permissions feedstore uses.
ROLE_ID="${ROLE_ID:-feedstoreObjectReadWrite}"
ROLE="projects/$PROJECT_ID/roles/$ROLE_ID"
